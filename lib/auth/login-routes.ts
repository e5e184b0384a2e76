import { getEnv, type Env } from "@/lib/env";
import { isCrossSiteRequest } from "@/lib/http/same-origin";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import { isAllowed } from "./allowlist";
import { authenticate } from "./authenticate";
import { clearCookie, cookiePolicy, LOGIN_FLOW_MAX_AGE_SECONDS, readCookie, setCookie, type CookiePolicy } from "./cookies";
import { oidcUserId } from "./identity";
import { openLoginFlow, sealLoginFlow } from "./login-flow";
import { finishLogin, LoginError, providerLogoutUrl, startLogin, type LoginFailure, type OidcAuth } from "./oidc-client";
import { requestOrigin } from "./origin";
import { safeReturnPath } from "./return-path";
import { openSession, sealSession } from "./session";

// What /auth/login, /auth/callback and /auth/logout do; the route files only call these. Every
// failure ends on /auth/error with a sentence and "Try again", never a stack.

const CALLBACK_PATH = "/auth/callback";
const SIGNED_OUT_PATH = "/auth/signed-out";
const DENIED_PATH = "/auth/denied";

/** Browsers keep cookies up to 4096 bytes, name and attributes included. */
const MAX_COOKIE_VALUE_LENGTH = 3_800;

/** GET /auth/login?returnTo=/chat/abc[&prompt=login]: to the provider, with a fresh login-flow cookie. */
export async function handleLogin(request: Request, env: Env = getEnv()): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const returnTo = safeReturnPath(query.get("returnTo"));
  const { auth } = env;
  if (auth.mode === "none") return redirect(returnTo);

  // Only a page load starts a sign-in. A router prefetch or fetch that the proxy redirected here
  // must not replace the flow cookie of a sign-in in progress; on this non-page answer Next's
  // router loads the URL as a page, which then does.
  const fetchMode = request.headers.get("sec-fetch-mode");
  if (fetchMode !== null && fetchMode !== "navigate") return new Response(null, { status: 401, headers: { "cache-control": "no-store" } });

  const forceLogin = query.get("prompt") === "login";
  if (!forceLogin && (await authenticate(request, env)).status === "signed-in") return redirect(returnTo);

  const origin = requestOrigin(request.headers, env.APP_URL);
  const policy = cookiePolicy(origin);
  if (!policy.usable) return failed("insecure");
  try {
    const { authorizationUrl, flow } = await startLogin(auth, {
      redirectUri: new URL(CALLBACK_PATH, origin).href,
      returnTo,
      prompt: forceLogin ? "login" : undefined,
    });
    const sealed = await sealLoginFlow(flow, { secret: auth.secret });
    return redirect(authorizationUrl.href, [setCookie(policy.loginFlowName, sealed, { maxAgeSeconds: LOGIN_FLOW_MAX_AGE_SECONDS, secure: policy.secure })]);
  } catch (error) {
    return loginFailed(error);
  }
}

/** GET /auth/callback?code=…&state=…: the provider sent the browser back. */
export async function handleCallback(request: Request, env: Env = getEnv()): Promise<Response> {
  const { auth } = env;
  if (auth.mode === "none") return redirect("/");
  const policy = cookiePolicy(requestOrigin(request.headers, env.APP_URL));
  const clearFlow = clearCookie(policy.loginFlowName, policy);

  const flow = await openLoginFlow(readCookie(request.headers.get("cookie"), policy.loginFlowName), { secret: auth.secret });
  if (!flow) {
    // A second tab's sign-in replaced this one's flow, or the back button replayed a callback: if
    // this browser is signed in by now, carry on; otherwise the flow expired or never started here.
    if ((await authenticate(request, env)).status === "signed-in") return redirect("/", [clearFlow]);
    return failed("expired", [clearFlow]);
  }

  try {
    const { identity, idToken } = await finishLogin(auth, { search: new URL(request.url).search, flow });
    const userId = oidcUserId(identity.issuer, identity.subject);
    const allowed = isAllowed(identity, { emails: auth.allowedEmails, domains: auth.allowedDomains });
    const seal = (keptIdToken: string | undefined) =>
      sealSession({ userId, identity, idToken: keptIdToken }, { secret: auth.secret, maxAgeSeconds: auth.sessionMaxAgeSeconds });
    let session = await seal(auth.providerLogout ? idToken : undefined);
    // Browsers drop cookies over 4 KB: a very large ID token is not worth the session. Without it
    // the provider asks before it signs out.
    if (session.length > MAX_COOKIE_VALUE_LENGTH) session = await seal(undefined);
    logger.info("signed in", { userId, allowed });
    // Checked again: a flow sealed by an earlier version of this check may still be open.
    return redirect(allowed ? safeReturnPath(flow.returnTo) : DENIED_PATH, [
      clearFlow,
      setCookie(policy.sessionName, session, { maxAgeSeconds: auth.sessionMaxAgeSeconds, secure: policy.secure }),
    ]);
  } catch (error) {
    return loginFailed(error, [clearFlow]);
  }
}

/**
 * POST /auth/logout (a form in the page): clears both cookies, then ends the session at the
 * provider too when AUTH_PROVIDER_LOGOUT is on, and lands on /auth/signed-out.
 */
export async function handleLogout(request: Request, env: Env = getEnv()): Promise<Response> {
  const { auth } = env;
  if (auth.mode === "none") return redirect("/");
  // Only this app's own pages sign out: a form on another site could otherwise do it. The same
  // check as every state-changing API route (Sec-Fetch-Site, and Origin for browsers without it),
  // answered with the app's start page rather than JSON: the request is a form's page load.
  if (isCrossSiteRequest(request, env.APP_URL)) return redirect("/");
  const origin = requestOrigin(request.headers, env.APP_URL);

  const policy = cookiePolicy(origin);
  const cookies = [clearCookie(policy.sessionName, policy), clearCookie(policy.loginFlowName, policy)];
  const location = await providerLogoutLocation(request, auth, origin, policy);
  return redirect(location ?? SIGNED_OUT_PATH, cookies);
}

async function providerLogoutLocation(request: Request, auth: OidcAuth, origin: URL, policy: CookiePolicy): Promise<string | undefined> {
  if (!auth.providerLogout) return undefined;
  const token = readCookie(request.headers.get("cookie"), policy.sessionName);
  const opened = token ? await openSession(token, { secret: auth.secret }) : undefined;
  try {
    const url = await providerLogoutUrl(auth, {
      idToken: opened?.ok ? opened.session.idToken : undefined,
      postLogoutRedirectUri: new URL(SIGNED_OUT_PATH, origin).href,
    });
    return url?.href;
  } catch (error) {
    logger.warn("provider logout unavailable; signed out here only", { error: errorForLog(error) });
    return undefined;
  }
}

function loginFailed(error: unknown, cookies: string[] = []): Response {
  if (error instanceof LoginError) {
    const cause = error.cause === undefined ? {} : { cause: errorForLog(error.cause) };
    logger.warn("sign-in failed", { reason: error.reason, error: errorForLog(error), ...cause });
    return failed(error.reason, cookies);
  }
  logger.error("sign-in failed unexpectedly", { error: errorForLog(error) });
  return failed("failed", cookies);
}

function failed(reason: LoginFailure, cookies: string[] = []): Response {
  return redirect(`/auth/error?reason=${reason}`, cookies);
}

/** A 303 to a path of this app (relative, so no Host header can turn it elsewhere) or to the provider. */
function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}
