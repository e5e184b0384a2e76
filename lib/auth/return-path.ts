// Where to go after signing in. It arrives in a query string anyone can write, so only a path of
// this app is accepted; anything else (another origin, `//host`, `/\host`, control characters, the
// sign-in routes themselves, the API) falls back to the new-chat page.

const FALLBACK = "/";
const MAX_LENGTH = 2_000;
const BASE = "http://parley.invalid";

export function safeReturnPath(value: string | null | undefined): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return FALLBACK;
  // "//host" and "/\host" are other hosts to a browser; control characters are stripped by URL parsers.
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const { pathname } = url;
  if (/^\/(auth|api)(\/|$)/.test(pathname) || pathname.startsWith("/_next/")) return FALLBACK;
  return `${pathname}${url.search}`;
}

/** The sign-in route that comes back to `returnTo`. */
export function loginPath(returnTo: string, options: { prompt?: "login" } = {}): string {
  const query = new URLSearchParams();
  if (returnTo !== FALLBACK) query.set("returnTo", returnTo);
  if (options.prompt) query.set("prompt", options.prompt);
  const search = query.toString();
  return search ? `/auth/login?${search}` : "/auth/login";
}
