import type { ApiKeySummary } from "@/lib/store/api-key-store";

// The API's shape of a personal API key: dates as ISO 8601 strings, never the hash or the secret.

export type ApiKeyJson = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

export function toApiKeyJson(key: ApiKeySummary): ApiKeyJson {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: new Date(key.createdAt).toISOString(),
    lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
  };
}

/** What `POST /api/keys` answers: the new key and, this once, its secret. */
export type CreatedApiKeyJson = { key: ApiKeyJson; secret: string };
