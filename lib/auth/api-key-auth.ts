import { hashApiKey, isApiKeyShaped } from "@/lib/api-keys/api-key-secret";
import { getEnv, type Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { ApiKeyOwner, ApiKeyStore } from "@/lib/store/api-key-store";
import type { AuthRequest } from "./authenticate";
import { isAllowed } from "./allowlist";
import { LOCAL_USER_ID } from "./identity";
import { anonymousOnLambdaProblem, reportAnonymousOnLambda } from "./lambda-guard";

// Programs (the /v1 API's clients) authenticate with a personal API key, `Authorization: Bearer
// <key>`, instead of the session cookie. The same server-level rules as `authenticate` hold where
// they mean anything for a key: on Lambda without login nothing is served, and with login the
// allowlist is applied again on every use. The local-mode host check is not: it stops a page on
// another site from borrowing the browser's way in (DNS rebinding), and a request with a key
// carries its own credential, which such a page cannot know.

const noKey = () =>
  new ParleyError("unauthorized", "No API key: send one as `Authorization: Bearer <key>`. Create a key on Parley's API keys page.");

const notAValidKey = () => new ParleyError("unauthorized", "Not a valid API key: it is mistyped, was revoked, or belongs to another Parley.");

/**
 * The user and key of a request made with an API key, or a ParleyError: 401 `unauthorized` (no key,
 * or not a valid one), 503 `not_configured` (see lambda-guard.ts). Records the key's last use
 * without making the request wait for that write: a failed write is logged, not thrown.
 */
export async function authenticateApiKey(
  request: AuthRequest,
  apiKeys: ApiKeyStore,
  env: Env = getEnv(),
  now = Date.now(),
): Promise<{ userId: string; keyId: string }> {
  const problem = anonymousOnLambdaProblem(env);
  if (problem) {
    reportAnonymousOnLambda(env);
    throw new ParleyError("not_configured", problem);
  }
  const secret = bearerCredentials(request.headers.get("authorization"));
  // A text that cannot be a key is not looked up.
  const owner = isApiKeyShaped(secret) ? await apiKeys.findByHash(hashApiKey(secret)) : undefined;
  if (!owner) throw notAValidKey();
  assertMayUse(owner, env);

  const { userId, keyId } = owner;
  void apiKeys.touch(userId, keyId, now).catch((error: unknown) => logger.warn("the API key's last use was not recorded", { keyId, error: errorForLog(error) }));
  return { userId, keyId };
}

/** What follows `Bearer` (the scheme in any case, RFC 7235); no key without the header or with another scheme. */
function bearerCredentials(header: string | null): string {
  const [scheme, ...credentials] = (header ?? "").trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "bearer" || credentials.length === 0) throw noKey();
  return credentials.join(" ");
}

/** Refuses a key this server's sign-in no longer admits: the allowlist with login, the local user without. */
function assertMayUse(owner: ApiKeyOwner, env: Env): void {
  const { auth } = env;
  if (auth.mode === "none") {
    // A key made while this store served signed-in users is someone else's, not the local user's.
    if (owner.userId !== LOCAL_USER_ID) throw notAValidKey();
    return;
  }
  // Stored when the key was made by a signed-in, allowed (so verified) address.
  const admitted = owner.email !== undefined && isAllowed({ email: owner.email, emailVerified: true }, { emails: auth.allowedEmails, domains: auth.allowedDomains });
  if (!admitted) {
    throw new ParleyError("unauthorized", "This API key's account is not allowed to use Parley. Ask the operator for access.");
  }
}
