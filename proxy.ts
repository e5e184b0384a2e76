import { NextResponse, type NextRequest } from "next/server";
import { authenticate } from "@/lib/auth/authenticate";
import { requestOrigin } from "@/lib/auth/origin";
import { loginPath, safeReturnPath } from "@/lib/auth/return-path";
import { getEnv } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { commonSecurityHeaders, createNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

// Every page passes here: it gets a Content-Security-Policy with a fresh nonce, and the cheap first
// session check (no I/O: the session cookie is decrypted and its expiry and the allowlist checked):
// a signed-out visitor goes to sign-in before any page renders, keeping the address to come back
// to. API routes verify the session themselves and answer 401 JSON (lib/auth/authenticate.ts), and
// the pages check again when they render. An address Next cannot decode gets a 400 here.

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  // API paths reach the proxy only when they hold a percent sign (see `config`), for this check.
  if (isApiPath(pathname)) return isDecodable(pathname) ? NextResponse.next() : malformedAddress().toResponse();
  const env = getEnv();
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy({
    nonce,
    development: env.NODE_ENV === "development",
    https: requestOrigin(request.headers, env.APP_URL).protocol === "https:",
    extraFormActions: env.auth.mode === "oidc" ? [new URL(env.auth.issuer).origin] : [],
  });
  return withPageSecurityHeaders(await decide(request, nonce, policy), policy);
}

async function decide(request: NextRequest, nonce: string, policy: string): Promise<NextResponse> {
  // Next reads the policy from the request to put the nonce on its own scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const render = () => NextResponse.next({ request: { headers } });

  if (!isDecodable(request.nextUrl.pathname)) return plainPage(400, "Not a valid address", malformedAddress().message, "malformed-address");
  // The sign-in pages are open to everyone (they check what they need themselves).
  if (request.nextUrl.pathname.startsWith("/auth/")) return render();
  const state = await authenticate(request);
  switch (state.status) {
    case "signed-in":
      return render();
    case "signed-out": {
      const returnTo = safeReturnPath(`${request.nextUrl.pathname}${request.nextUrl.search}`);
      return NextResponse.redirect(new URL(loginPath(returnTo), request.url));
    }
    case "denied":
      return NextResponse.redirect(new URL("/auth/denied", request.url));
    case "unavailable":
      return plainPage(503, "Parley is not available", state.message, "not-configured");
    case "foreign-host":
      return plainPage(403, "Parley is not available at this address", state.message, "foreign-host");
  }
}

/**
 * Next's router cannot decode a path with a stray `%` or an escape that is not UTF-8
 * (`/api/chats/%C0%AE`) and answered its own plain-text 500; such an address is the client's mistake.
 */
const malformedAddress = () => new ParleyError("invalid_request", "This is not a valid address: it is not validly percent-encoded.");

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Parley's own API and the OpenAI-compatible one (`/v1`, with API keys): each route checks for itself. */
const isApiPath = (pathname: string) => /^\/(?:api|v1)(?:\/|$)/.test(pathname);

function withPageSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Pages: not the API (each route checks for itself), not static files.
    "/((?!api/|api$|v1/|v1$|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)",
    // API paths with a percent sign only (Next tests the raw path too): the proxy does not stand in
    // front of the API's other requests, where Next would buffer each body for it.
    "/api/(.*%.*)",
    "/v1/(.*%.*)",
  ],
};

/** Plain HTML, no styles or scripts: nothing else of the app is served. */
function plainPage(status: number, title: string, message: string, testId: string): NextResponse {
  const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p data-testid="${testId}">${escape(message)}</p></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
