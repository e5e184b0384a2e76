// The public origin of the app (scheme, host, port) as the browser sees it: the redirect URI
// registered at the provider is built from it, and it decides whether cookies are Secure.
// `next start` fills x-forwarded-host/-proto from the connection when no proxy set them; behind
// CloudFront, SST's edge function sets x-forwarded-host to the viewer's host. APP_URL pins it
// when another proxy in front rewrites the host.

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

export function requestOrigin(headers: Headers, appUrl: string | undefined): URL {
  if (appUrl) return new URL(appUrl);
  const forwardedHost = first(headers.get("x-forwarded-host"));
  const host = forwardedHost && HOST.test(forwardedHost) ? forwardedHost : (first(headers.get("host")) ?? "localhost");
  const protocol = first(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
  return new URL(`${protocol}://${HOST.test(host) ? host : "localhost"}`);
}
