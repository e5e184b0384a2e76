import { z } from "zod";
import type { ApiKeySummary } from "@/lib/store/api-key-store";

// The API's shape of a personal API key: dates as ISO 8601 strings, never the hash or the secret.

const apiKeyJsonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The start of the secret, to recognise the key by. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  /** Null until the key is first used; to the minute. */
  lastUsedAt: z.iso.datetime().nullable(),
});

export type ApiKeyJson = z.infer<typeof apiKeyJsonSchema>;

export function toApiKeyJson(key: ApiKeySummary): ApiKeyJson {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: new Date(key.createdAt).toISOString(),
    lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
  };
}

export const apiKeyListJsonSchema = z.object({ keys: z.array(apiKeyJsonSchema) });

/** What `POST /api/keys` answers: the new key and, this once, its secret. */
export const createdApiKeyJsonSchema = z.object({ key: apiKeyJsonSchema, secret: z.string() });

export type CreatedApiKeyJson = z.infer<typeof createdApiKeyJsonSchema>;
