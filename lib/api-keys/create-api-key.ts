import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/authenticate";
import type { ApiKeyStore } from "@/lib/store/api-key-store";
import { type CreatedApiKeyJson, toApiKeyJson } from "./api-key-json";
import { generateApiKey } from "./api-key-secret";

/** The longest name a key may have, in characters. */
export const MAX_API_KEY_NAME_LENGTH = 60;

/** `POST /api/keys`: the key's name, to tell it from the others (e.g. where it is used). */
export const createApiKeyBodySchema = z.object({
  name: z
    .string({ error: "Send { name }: what the key is for." })
    .transform((name) => name.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "Give the key a name, e.g. where it is used.")
        .max(MAX_API_KEY_NAME_LENGTH, `A key's name has at most ${MAX_API_KEY_NAME_LENGTH} characters.`),
    ),
});

export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

/**
 * Makes a key for the viewer and stores its hash; the secret is in the answer only. With login the
 * viewer's email is stored with it, so the allowlist can be applied on every use.
 */
export async function createApiKey(apiKeys: ApiKeyStore, { userId, account }: Viewer, { name }: CreateApiKeyBody, now = Date.now()): Promise<CreatedApiKeyJson> {
  const { secret, prefix, hash } = generateApiKey();
  const email = account.mode === "oidc" ? account.email : undefined;
  const key = await apiKeys.create(userId, { id: randomUUID(), name, prefix, hash, now, ...(email === undefined ? {} : { email }) });
  return { key: toApiKeyJson(key), secret };
}
