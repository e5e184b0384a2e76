import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startOidcProvider, type RunningOidcProvider } from "@/test/fixtures/oidc-provider/server";
import { type LocalLambda, chatRequest, startLocalLambda } from "./lambda-harness";

// Login in the bundle SST deploys, under AWS's runtime client: the proxy runs there (pages go to
// sign-in), the API answers 401, the sign-in cookie is Secure and host-bound over https; and
// without login the function serves no chats unless that is on purpose.

const DOMAIN = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws";

describe("the Lambda bundle with login (AUTH_MODE=oidc)", () => {
  let provider: RunningOidcProvider;
  let lambda: LocalLambda;

  beforeAll(async () => {
    provider = await startOidcProvider({
      accounts: [],
      clients: [{ clientId: "parley-lambda", clientSecret: "lambda-secret", redirectUris: [`https://${DOMAIN}/auth/callback`], postLogoutRedirectUris: [] }],
    });
    lambda = await startLocalLambda({
      bundleDir: inject("bundles").streaming,
      env: {
        AUTH_MODE: "oidc",
        AUTH_ISSUER: provider.issuer,
        AUTH_CLIENT_ID: "parley-lambda",
        AUTH_CLIENT_SECRET: "lambda-secret",
        AUTH_SECRET: "lambda-test-auth-secret-0123456789abcdef",
        ALLOWED_DOMAINS: "example.com",
      },
    });
  });

  afterAll(async () => {
    await lambda?.stop();
    await provider?.close();
  });

  test("the API answers 401 JSON without a session; pages redirect to sign-in", async () => {
    const { response: api } = await lambda.request(chatRequest(`lambda-${crypto.randomUUID()}`, "Hello"));
    expect(api.statusCode).toBe(401);
    expect(JSON.parse(api.body.toString("utf8"))).toMatchObject({ error: { code: "unauthorized" } });

    const { response: page } = await lambda.request({ path: "/chat/abc" });
    expect(page.statusCode).toBe(307);
    expect(page.headers.location).toMatch(/\/auth\/login\?returnTo=%2Fchat%2Fabc$/);
  });

  test("sign-in goes to the provider with a Secure, host-bound login cookie and the https callback", async () => {
    const { response } = await lambda.request({ path: "/auth/login" });
    expect(response.statusCode).toBe(303);
    const location = new URL(response.headers.location ?? "");
    expect(location.origin).toBe(provider.url);
    expect(location.searchParams.get("redirect_uri")).toBe(`https://${DOMAIN}/auth/callback`);
    const cookie = response.cookies.find((value) => value.startsWith("__Host-parley_login="));
    expect(cookie).toMatch(/; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });
});

describe("the Lambda bundle without login (AUTH_MODE=none)", () => {
  let lambda: LocalLambda;

  beforeAll(async () => {
    lambda = await startLocalLambda({ bundleDir: inject("bundles").streaming, env: { ALLOW_ANONYMOUS: "false" } });
  });

  afterAll(async () => {
    await lambda?.stop();
  });

  test("serves no chats and no pages (503), answers health, and says why once in its log", async () => {
    const { response: api } = await lambda.request(chatRequest(`lambda-${crypto.randomUUID()}`, "Hello"));
    expect(api.statusCode).toBe(503);
    expect(JSON.parse(api.body.toString("utf8"))).toMatchObject({ error: { code: "not_configured" } });
    const { response: page } = await lambda.request({ path: "/" });
    expect(page.statusCode).toBe(503);
    const { response: health } = await lambda.request({ path: "/api/health" });
    expect(health.statusCode).toBe(200);
    expect(lambda.process.logs().match(/"reason":"anonymous-on-lambda"/g)).toHaveLength(1);
  });
});
