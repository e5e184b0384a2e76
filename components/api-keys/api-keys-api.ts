import type { ApiKeyJson, CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { requestError } from "@/components/ui/request-error";

// The browser's side of /api/keys: list, create, revoke. Failures throw with the server's message
// (see requestError).

export async function fetchApiKeys(): Promise<ApiKeyJson[]> {
  const response = await fetch("/api/keys", { headers: { accept: "application/json" } });
  if (!response.ok) throw await requestError(response, "Your API keys could not be loaded.");
  return ((await response.json()) as { keys: ApiKeyJson[] }).keys;
}

export async function createApiKey(name: string): Promise<CreatedApiKeyJson> {
  const response = await fetch("/api/keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  if (!response.ok) throw await requestError(response, "The key could not be created.");
  return (await response.json()) as CreatedApiKeyJson;
}

export async function revokeApiKey(keyId: string): Promise<void> {
  const response = await fetch(`/api/keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });
  // Already gone is what the user wanted.
  if (!response.ok && response.status !== 404) throw await requestError(response, "The key could not be revoked.");
}
