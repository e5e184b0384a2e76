import { NextResponse, type NextRequest } from "next/server";
import { authenticate } from "@/lib/auth/authenticate";
import { requestOrigin } from "@/lib/auth/origin";
import { loginPath, safeReturnPath } from "@/lib/auth/return-path";
import { getEnv } from "@/lib/env";
import { commonSecurityHeaders, createNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

// Every page passes here: it gets a Content-Security-Policy with a fresh nonce, and the cheap first
// session check (no I/O: the session cookie is decrypted and its expiry and the allowlist checked):
// a signed-out visitor goes to sign-in before any page renders, keeping the address to come back to. API routes are not matched: each verifies the session itself and answers
// 401 JSON (lib/auth/authenticate.ts), and the pages check again when they render.

export async function proxy(request: NextRequest): Promise<NextResponse> {
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
      return new NextResponse(unavailablePage(state.message), {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      });
  }
}

function withPageSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the API (each route checks for itself), not static files.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)"],
};

function unavailablePage(message: string): string {
  const escaped = message.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  // Plain HTML, no styles or scripts: nothing else of the app is served.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Parley is not available</title></head><body><h1>Parley is not available</h1><p data-testid="not-configured">${escaped}</p></body></html>`;
}
