import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOidcProvider, type RunningOidcProvider } from "@/test/fixtures/oidc-provider/server";
import { parseEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { openLoginFlow } from "./login-flow";
import { handleCallback, handleLogin, handleLogout } from "./login-routes";
import { sealSession } from "./session";

// The sign-in routes' answers: where they send the browser and which cookies they set. The
// provider-side flow is tested in test/fixtures/oidc-provider and, in a browser, in test/e2e/login.spec.ts.

const secret = "a-test-secret-that-is-at-least-32-bytes-long";
const origin = "http://127.0.0.1:3999";
let provider: RunningOidcProvider;

const oidcEnv = (issuer: string) =>
  parseEnv({
    AUTH_MODE: "oidc",
    AUTH_ISSUER: issuer,
    AUTH_CLIENT_ID: "parley-test",
    AUTH_CLIENT_SECRET: "test-client-secret",
    AUTH_SECRET: secret,
    ALLOWED_DOMAINS: "example.com",
  });

const request = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`${origin}${path}`, { method, headers: { host: "127.0.0.1:3999", "x-forwarded-proto": "http", ...headers } });

const cookiesOf = (response: Response) => response.headers.getSetCookie();

beforeAll(async () => {
  provider = await startOidcProvider({
    accounts: [],
    clients: [{ clientId: "parley-test", clientSecret: "test-client-secret", redirectUris: [`${origin}/auth/callback`], postLogoutRedirectUris: [] }],
  });
  vi.spyOn(logger, "warn").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await provider.close();
});

describe("without login", () => {
  it("every sign-in route leads back into the app", async () => {
    const env = parseEnv({});
    expect((await handleLogin(request("/auth/login?returnTo=/chat/abc"), env)).headers.get("location")).toBe("/chat/abc");
    expect((await handleCallback(request("/auth/callback?code=x&state=y"), env)).headers.get("location")).toBe("/");
    expect((await handleLogout(request("/auth/logout", {}, "POST"), env)).headers.get("location")).toBe("/");
  });
});

describe("the return path after /auth/login", () => {
  const returnPaths = ["/.//evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e//evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"];
  const landsOnTheApp = (response: Response) => new URL(response.headers.get("location") ?? "", origin).origin === origin;

  it("never leaves the app in local mode, where no sign-in stands in between", async () => {
    const env = parseEnv({});
    for (const returnTo of returnPaths) {
      const response = await handleLogin(request(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`), env);
      expect(response.headers.get("location"), returnTo).toBe("/");
    }
    await fc.assert(
      fc.asyncProperty(fc.string(), async (returnTo) => {
        expect(landsOnTheApp(await handleLogin(request(`/auth/login?returnTo=${encodeURIComponent(`/${returnTo}`)}`), env))).toBe(true);
      }),
    );
  });

  it("never leaves the app for a signed-in user, who is sent on at once", async () => {
    const env = oidcEnv(provider.issuer);
    const session = await sealSession(
      { userId: "oidc-x", identity: { issuer: provider.issuer, subject: "ann", email: "ann@example.com", emailVerified: true } },
      { secret, maxAgeSeconds: 60 },
    );
    for (const returnTo of returnPaths) {
      const response = await handleLogin(request(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { cookie: `parley_session=${session}` }), env);
      expect(response.status, returnTo).toBe(303);
      expect(response.headers.get("location"), returnTo).toBe("/");
    }
  });
});

describe("/auth/login", () => {
  it("sends the browser to the provider and keeps a sanitized return path in the sealed flow cookie", async () => {
    const response = await handleLogin(request(`/auth/login?returnTo=${encodeURIComponent("//evil.example/x")}`), oidcEnv(provider.issuer));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin).toBe(provider.url);
    expect(location.searchParams.get("redirect_uri")).toBe(`${origin}/auth/callback`);
    const [cookie] = cookiesOf(response);
    expect(cookie).toMatch(/^parley_login=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const flow = await openLoginFlow(/^parley_login=([^;]+)/.exec(cookie ?? "")?.[1], { secret });
    expect(flow).toMatchObject({ returnTo: "/", state: location.searchParams.get("state"), redirectUri: `${origin}/auth/callback` });
  });

  it("starts a sign-in only for a page load, never for a prefetch or fetch redirected here", async () => {
    const env = oidcEnv(provider.issuer);
    const prefetch = await handleLogin(request("/auth/login?returnTo=/chat/abc", { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" }), env);
    expect(prefetch.status).toBe(401);
    expect(cookiesOf(prefetch)).toEqual([]);
    const pageLoad = await handleLogin(request("/auth/login?returnTo=/chat/abc", { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }), env);
    expect(pageLoad.status).toBe(303);
    expect(cookiesOf(pageLoad)).toHaveLength(1);
  });

  it("passes prompt=login on (switching accounts), and nothing else", async () => {
    const env = oidcEnv(provider.issuer);
    const forced = new URL((await handleLogin(request("/auth/login?prompt=login"), env)).headers.get("location") ?? "");
    expect(forced.searchParams.get("prompt")).toBe("login");
    const other = new URL((await handleLogin(request("/auth/login?prompt=none"), env)).headers.get("location") ?? "");
    expect(other.searchParams.has("prompt")).toBe(false);
  });

  it("ends on the error page when the provider cannot be reached, or the origin cannot keep cookies", async () => {
    const unreachable = await handleLogin(request("/auth/login"), oidcEnv("http://127.0.0.1:1"));
    expect(unreachable.headers.get("location")).toBe("/auth/error?reason=unreachable");
    const plainHttp = await handleLogin(
      new Request("http://192.168.1.20:3000/auth/login", { headers: { host: "192.168.1.20:3000" } }),
      oidcEnv(provider.issuer),
    );
    expect(plainHttp.headers.get("location")).toBe("/auth/error?reason=insecure");
  });
});

describe("/auth/callback", () => {
  it("without a flow cookie: the error page (expired), or on into the app if this browser is signed in by now", async () => {
    const env = oidcEnv(provider.issuer);
    const response = await handleCallback(request("/auth/callback?code=x&state=y"), env);
    expect(response.headers.get("location")).toBe("/auth/error?reason=expired");
    expect(cookiesOf(response)).toEqual(["parley_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]);

    const session = await sealSession(
      { userId: "oidc-x", identity: { issuer: provider.issuer, subject: "ann", email: "ann@example.com", emailVerified: true } },
      { secret, maxAgeSeconds: 60 },
    );
    const signedIn = await handleCallback(request("/auth/callback?code=x&state=y", { cookie: `parley_session=${session}` }), env);
    expect(signedIn.headers.get("location")).toBe("/");
  });
});

describe("/auth/logout", () => {
  it("clears both cookies and lands on the signed-out page", async () => {
    const response = await handleLogout(request("/auth/logout", { "sec-fetch-site": "same-origin" }, "POST"), oidcEnv(provider.issuer));
    expect(response.headers.get("location")).toBe("/auth/signed-out");
    expect(cookiesOf(response)).toEqual([
      "parley_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
      "parley_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    ]);
  });

  it("ignores a sign-out posted from another site, also by a browser that sends only Origin", async () => {
    const crossSite: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://127.0.0.1:4000" },
    ];
    for (const headers of crossSite) {
      const response = await handleLogout(request("/auth/logout", headers, "POST"), oidcEnv(provider.issuer));
      expect(response.headers.get("location"), JSON.stringify(headers)).toBe("/");
      expect(cookiesOf(response), JSON.stringify(headers)).toEqual([]);
    }
    // This app's own page, from a browser without Sec-Fetch-Site.
    const own = await handleLogout(request("/auth/logout", { origin }, "POST"), oidcEnv(provider.issuer));
    expect(own.headers.get("location")).toBe("/auth/signed-out");
  });
});
