// The public origin of the app (scheme, host, port) as the browser sees it: the redirect URI
// registered at the provider is built from it, and it decides whether cookies are Secure.
// `next start` fills x-forwarded-host/-proto from the connection when no proxy set them; behind
// CloudFront, SST's edge function sets x-forwarded-host to the viewer's host. APP_URL pins it
// when another proxy in front rewrites the host.

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** Whether a Host header is a plain host name or IP address, with an optional port. */
export const isHostHeader = (value: string) => HOST.test(value);

const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

export function requestOrigin(headers: Headers, appUrl: string | undefined): URL {
  if (appUrl) return new URL(appUrl);
  const forwardedHost = first(headers.get("x-forwarded-host"));
  const host = forwardedHost && isHostHeader(forwardedHost) ? forwardedHost : (first(headers.get("host")) ?? "localhost");
  const protocol = first(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
  return new URL(`${protocol}://${isHostHeader(host) ? host : "localhost"}`);
}
