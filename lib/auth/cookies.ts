// The two cookies of login, and how they are written:
// - the session (`parley_session`): who is signed in, sealed; lives SESSION_MAX_AGE_SECONDS;
// - the login flow (`parley_login`): state, nonce, PKCE verifier and return path of a sign-in in
//   progress, sealed; lives 10 minutes and is deleted by the callback.
// Both are httpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which carries
// them), Path=/, and Secure with the `__Host-` prefix (no Domain, so no other host can set them) —
// except over plain http on localhost, for local runs and tests, where browsers would drop them.

export const LOGIN_FLOW_MAX_AGE_SECONDS = 10 * 60;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type CookiePolicy = {
  secure: boolean;
  /** A browser keeps the cookies: https, or http on localhost. */
  usable: boolean;
  sessionName: string;
  loginFlowName: string;
};

export function cookiePolicy(origin: URL): CookiePolicy {
  const isLocalHttp = origin.protocol === "http:" && LOOPBACK_HOSTS.has(origin.hostname);
  const secure = !isLocalHttp;
  const prefix = secure ? "__Host-" : "";
  return {
    secure,
    usable: origin.protocol === "https:" || isLocalHttp,
    sessionName: `${prefix}parley_session`,
    loginFlowName: `${prefix}parley_login`,
  };
}

/** A cookie's value from a `Cookie` request header (the first one of that name). */
export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return value === "" ? undefined : value;
  }
  return undefined;
}

/** A `Set-Cookie` header value. Sealed values are base64url and dots: nothing to escape. */
export function setCookie(name: string, value: string, { maxAgeSeconds, secure }: { maxAgeSeconds: number; secure: boolean }): string {
  return [`${name}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearCookie(name: string, { secure }: { secure: boolean }): string {
  return setCookie(name, "", { maxAgeSeconds: 0, secure });
}
