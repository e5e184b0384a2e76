import { getEnv, type Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import type { Account } from "./account";
import { isAllowed } from "./allowlist";
import { cookiePolicy, readCookie } from "./cookies";
import { LOCAL_USER_ID, type Identity } from "./identity";
import { anonymousOnLambdaProblem, reportAnonymousOnLambda } from "./lambda-guard";
import { foreignHostProblem } from "./local-mode-guard";
import { requestOrigin } from "./origin";
import { openSession, type Session } from "./session";

/** The person a request is served for: the store's user id and what the UI shows of them. */
export type Viewer = { userId: string; account: Account };

export type AuthState =
  | { status: "signed-in"; viewer: Viewer; session?: Session }
  /** No session, or one that expired or is not valid (changed, another secret): sign in. */
  | { status: "signed-out"; reason: "none" | "expired" | "invalid" }
  /** Signed in at the provider, but not on the allowlist (or the email is not verified). */
  | { status: "denied"; identity: Identity; session: Session }
  /** The server refuses to serve anyone until its configuration changes (see lambda-guard.ts). */
  | { status: "unavailable"; message: string }
  /** Without login, a request for a name that is not this server's (see local-mode-guard.ts). */
  | { status: "foreign-host"; message: string };

export type AuthRequest = { headers: Headers };

/**
 * Who is asking: the one decision every API route, page and the proxy rely on. No I/O: the session
 * cookie is decrypted and its expiry checked, and the allowlist is applied again on every request
 * (so removing someone from it takes effect at once, not when their session ends).
 */
export async function authenticate(request: AuthRequest, env: Env = getEnv(), now = Date.now()): Promise<AuthState> {
  const { auth } = env;
  if (auth.mode === "none") {
    const problem = anonymousOnLambdaProblem(env);
    if (problem) {
      reportAnonymousOnLambda(env);
      return { status: "unavailable", message: problem };
    }
    const foreignHost = foreignHostProblem(request.headers.get("host"), env);
    if (foreignHost) return { status: "foreign-host", message: foreignHost };
    return { status: "signed-in", viewer: { userId: LOCAL_USER_ID, account: { mode: "local" } } };
  }

  const policy = cookiePolicy(requestOrigin(request.headers, env.APP_URL));
  const token = readCookie(request.headers.get("cookie"), policy.sessionName);
  if (!token) return { status: "signed-out", reason: "none" };
  const opened = await openSession(token, { secret: auth.secret, now });
  if (!opened.ok) return { status: "signed-out", reason: opened.reason };

  const { session } = opened;
  if (!isAllowed(session.identity, { emails: auth.allowedEmails, domains: auth.allowedDomains })) {
    return { status: "denied", identity: session.identity, session };
  }
  const { email, name } = session.identity;
  return { status: "signed-in", viewer: { userId: session.userId, account: { mode: "oidc", email, name } }, session };
}

/**
 * The viewer of an API request, or a ParleyError: 401 `unauthorized` (signed out, session ended,
 * not allowed), 503 `not_configured` or 403 `host_not_allowed`. Every API route calls this first, whatever the proxy did.
 */
export async function requireViewer(request: AuthRequest, env: Env = getEnv()): Promise<Viewer> {
  const state = await authenticate(request, env);
  switch (state.status) {
    case "signed-in":
      return state.viewer;
    case "unavailable":
      throw new ParleyError("not_configured", state.message);
    case "foreign-host":
      throw new ParleyError("host_not_allowed", state.message);
    case "denied":
      throw new ParleyError("unauthorized", "This account is not allowed to use Parley. Sign in with another account, or ask for access.");
    case "signed-out":
      throw new ParleyError(
        "unauthorized",
        state.reason === "expired" ? "Your session has ended. Reload the page to sign in again." : "You are not signed in. Reload the page to sign in.",
      );
  }
}
