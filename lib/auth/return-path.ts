// Where to go after signing in. It arrives in a query string anyone can write, so it is parsed as a
// browser would parse it in a Location header, resolved against an origin that stands for this
// app's, and kept only as a path that stays on it; anything else (another origin, `//host`,
// `/\host`, `/.//host`, the sign-in routes themselves, the API) falls back to the new-chat page.

const FALLBACK = "/";
const MAX_LENGTH = 2_000;
/** Stands for this app's origin: a value resolved against it must stay on it. */
const APP_ORIGIN = "https://parley.invalid";

export function safeReturnPath(value: string | null | undefined): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH || !value.startsWith("/")) return FALLBACK;
  const path = pathOnAppOrigin(value);
  if (path === undefined) return FALLBACK;
  if (/^\/(auth|api)(\/|[?]|$)/.test(path) || path.startsWith("/_next/")) return FALLBACK;
  return path;
}

/**
 * The normalised path and query of `value` if it resolves to this origin and parses back to
 * itself: dot segments can turn `/.//host` into `//host`, which would leave the app once the
 * browser reads it from the Location header, so the checked path is the one returned.
 */
function pathOnAppOrigin(value: string): string | undefined {
  const resolve = (text: string) => {
    try {
      const url = new URL(text, APP_ORIGIN);
      return url.origin === APP_ORIGIN ? `${url.pathname}${url.search}` : undefined;
    } catch {
      return undefined;
    }
  };
  const path = resolve(value);
  return path !== undefined && resolve(path) === path ? path : undefined;
}

/** The sign-in route that comes back to `returnTo` (a path of this app; anything else comes back to /). */
export function loginPath(returnTo: string, options: { prompt?: "login" } = {}): string {
  const query = new URLSearchParams();
  const path = safeReturnPath(returnTo);
  if (path !== FALLBACK) query.set("returnTo", path);
  if (options.prompt) query.set("prompt", options.prompt);
  const search = query.toString();
  return search ? `/auth/login?${search}` : "/auth/login";
}
