import { expect, test, type APIRequestContext } from "@playwright/test";
import { parseEnv } from "@/lib/env";
import { openStores } from "@/lib/store/open-stores";
import { ChatPage } from "./pages/chat-page";
import { ProviderLoginPage } from "./pages/provider-login-page";
import { appServers, baseUrlOf, e2eAuthSecret, oidcAccounts, oidcServerEnv } from "./servers";
import { addSessionCookie, oidcBaseUrl, sessionCookie, signIn, userIdOf } from "./support/sign-in";

// Login on the server with AUTH_MODE=oidc, through a real OpenID Provider (oidc-provider, started
// in global setup): the whole flow in a browser, the allowlist, sign-out, expired and forged
// sessions, and sign-ins that cannot complete.

const alice = oidcAccounts.alice;

type ErrorJson = { error: { code: string; message: string } };

async function expectUnauthorized(request: APIRequestContext, message?: RegExp) {
  for (const [method, path] of [
    ["GET", "/api/chats"],
    ["GET", "/api/chats/some-chat"],
    ["PATCH", "/api/chats/some-chat"],
    ["DELETE", "/api/chats/some-chat"],
    ["GET", "/api/chats/some-chat/export?format=json"],
    ["POST", "/api/chat"],
    ["POST", "/api/chat/some-chat/stop"],
    ["GET", "/api/keys"],
    ["POST", "/api/keys"],
    ["DELETE", `/api/keys/${crypto.randomUUID()}`],
  ] as const) {
    const bodies: Record<string, unknown> = {
      "POST /api/chat": { id: "some-chat", message: { id: "m1", role: "user", parts: [{ type: "text", text: "Hi" }] } },
      "POST /api/keys": { name: "A key" },
    };
    const response = await request.fetch(`${oidcBaseUrl}${path}`, { method, data: method === "PATCH" ? { title: "x" } : bodies[`${method} ${path}`] });
    expect(response.status(), `${method} ${path}`).toBe(401);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("unauthorized");
    if (message) expect(body.error.message).toMatch(message);
  }
}

test.describe("signing in", () => {
  test("visiting / goes to the provider; signed in, you are back on /, the chat works and is stored under your account", async ({ page, context }) => {
    await page.goto(`${oidcBaseUrl}/`);
    const provider = new ProviderLoginPage(page);
    await provider.expectShown();
    await provider.signIn({ email: alice.email, password: "not-the-password" });
    await expect(provider.error).toBeVisible();
    await provider.signIn(alice);
    await expect(page).toHaveURL(`${oidcBaseUrl}/`);

    await expect(page.getByTestId("signed-in-as")).toHaveText(alice.email);
    await expect(page.getByTestId("local-mode-notice")).toHaveCount(0);
    const chat = new ChatPage(page);
    await chat.sendWhenReady("Hello from Alice");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain('You said: "Hello from Alice"');
    const chatId = await chat.chatId();

    const stored = await page.request.get(`${oidcBaseUrl}/api/chats/${chatId}`);
    expect(stored.status()).toBe(200);

    // In the store under issuer + sub (hashed), not under the local user or the email address.
    const stores = await openStores(parseEnv({ ...oidcServerEnv, PARLEY_DATA_DIR: appServers.oidc.dataDir }));
    try {
      expect((await stores.chats.getChat(userIdOf("alice"), chatId))?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      expect(await stores.chats.getChat("local", chatId)).toBeUndefined();
    } finally {
      await stores.close();
    }

    // The session cookie: httpOnly, SameSite=Lax, for 7 days (not Secure: plain http on 127.0.0.1), encrypted.
    const cookies = await context.cookies(oidcBaseUrl);
    const session = cookies.find((cookie) => cookie.name === "parley_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    expect(session?.expires).toBeGreaterThan(Date.now() / 1000 + 7 * 86_400 - 120);
    expect(session?.expires).toBeLessThan(Date.now() / 1000 + 7 * 86_400 + 120);
    expect(session?.value).not.toContain("alice");
    expect(session?.value.split(".")).toHaveLength(5);
    // The login flow's cookie is gone once the callback used it.
    expect(cookies.find((cookie) => cookie.name === "parley_login")).toBeUndefined();
  });

  test("a deep link comes back after signing in; a return path to another site does not", async ({ page }) => {
    await signIn(page, "bob", { path: "/chat/some-chat-bob-will-open" });
    await expect(page.getByTestId("not-found")).toBeVisible();

    // Paths that the URL parser normalises into another host ("/.//evil.example" → "//evil.example") too.
    for (const elsewhere of ["//evil.example/phish", "/.//evil.example/phish", "/%2e//evil.example/phish"]) {
      await page.context().clearCookies();
      await page.goto(`${oidcBaseUrl}/auth/login?returnTo=${encodeURIComponent(elsewhere)}`);
      await new ProviderLoginPage(page).signIn(oidcAccounts.bob);
      await expect(page).toHaveURL(`${oidcBaseUrl}/`);
      // Signed in, the sign-in route sends on at once: still to this app.
      const signedIn = await page.request.get(`${oidcBaseUrl}/auth/login?returnTo=${encodeURIComponent(elsewhere)}`, { maxRedirects: 0 });
      expect(signedIn.headers().location, elsewhere).toBe("/");
    }
  });

  test("without a session every API route answers 401 JSON, pages go to sign-in, and /api/health stays open", async ({ request, page }) => {
    await expectUnauthorized(request, /not signed in/);
    expect((await request.get(`${oidcBaseUrl}/api/health`)).status()).toBe(200);

    const response = await request.get(`${oidcBaseUrl}/chat/abc?x=1`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`/auth/login?returnTo=${encodeURIComponent("/chat/abc?x=1")}`);
    await page.goto(`${oidcBaseUrl}/chat/abc`);
    await new ProviderLoginPage(page).expectShown();
  });
});

test.describe("the allowlist", () => {
  test("someone not on it lands on the 'not allowed' page, gets 401 from the API, and can switch accounts", async ({ page }) => {
    await signIn(page, "mallory", { landsOn: "/auth/denied" });
    await expect(page.getByTestId("access-denied")).toContainText("no access");
    await expect(page.getByTestId("denied-account")).toHaveText(oidcAccounts.mallory.email);
    await expect(page.getByTestId("access-denied")).toContainText("ask the person who runs it");
    await expectUnauthorized(page.request, /not allowed/);
    await page.goto(`${oidcBaseUrl}/chat/anything`);
    await expect(page).toHaveURL(`${oidcBaseUrl}/auth/denied`);

    // "Sign in with another account" asks the provider to sign in again, not to reuse Mallory.
    await page.getByTestId("switch-account").click();
    await new ProviderLoginPage(page).signIn(oidcAccounts.bob);
    await expect(page).toHaveURL(`${oidcBaseUrl}/`);
    await expect(page.getByTestId("signed-in-as")).toHaveText(oidcAccounts.bob.email);
  });

  test("an allowed domain does not admit an address the provider has not verified; Sign out leaves the page", async ({ page, context }) => {
    await signIn(page, "eve", { landsOn: "/auth/denied" });
    await expect(page.getByTestId("access-denied")).toContainText("not verified");
    await page.getByTestId("sign-out").click();
    await new ProviderLoginPage(page).confirmSignOut();
    await expect(page).toHaveURL(`${oidcBaseUrl}/auth/signed-out`);
    expect(await sessionCookie(context)).toBeUndefined();
  });
});

test("signing out clears the session here and at the provider: the API answers 401, pages ask to sign in again", async ({ page, context }) => {
  await signIn(page, "alice");
  await expect(page.getByTestId("signed-in-as")).toHaveText(alice.email);
  expect(await sessionCookie(context)).toBeDefined();

  await page.getByTestId("sign-out").click();
  await new ProviderLoginPage(page).confirmSignOut();
  await expect(page).toHaveURL(`${oidcBaseUrl}/auth/signed-out`);
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();
  await expectUnauthorized(page.request);

  // The provider's session ended too: signing in asks for the password again.
  await page.getByTestId("sign-in").click();
  await new ProviderLoginPage(page).expectShown();
});

test.describe("sessions", () => {
  test("an expired session sends pages to sign-in and gets 401 from the API; a fresh one works", async ({ page, context }) => {
    // Issued 8 days ago for 7 days: the server's own check refuses it (the browser would still send it).
    await addSessionCookie(context, "alice", { issuedAt: Date.now() - 8 * 86_400_000, maxAgeSeconds: 7 * 86_400 });
    await expectUnauthorized(page.request, /session has ended/);
    await page.goto(`${oidcBaseUrl}/chat/some-chat`);
    await new ProviderLoginPage(page).expectShown();

    // The same cookie made now, with the same secret: accepted (so the refusal above was the expiry).
    await addSessionCookie(context, "alice");
    expect((await page.request.get(`${oidcBaseUrl}/api/chats`)).status()).toBe(200);
    await page.goto(`${oidcBaseUrl}/`);
    await expect(page.getByTestId("signed-in-as")).toHaveText(alice.email);
  });

  test("a changed cookie, or one sealed with another secret, is no session", async ({ page, context }) => {
    const value = await addSessionCookie(context, "alice");
    // One character of the ciphertext (the fourth of the five segments) changed.
    const segments = value.split(".");
    const ciphertext = segments[3] ?? "";
    segments[3] = `${ciphertext[0] === "A" ? "B" : "A"}${ciphertext.slice(1)}`;
    const changed = segments.join(".");
    await context.addCookies([{ name: "parley_session", value: changed, url: oidcBaseUrl }]);
    await expectUnauthorized(page.request, /not signed in/);

    await addSessionCookie(context, "alice", { secret: `${e2eAuthSecret}-but-another-one` });
    await expectUnauthorized(page.request, /not signed in/);
  });
});

test.describe("sign-ins that cannot complete end on a page with Try again, never a server error", () => {
  test("a callback without a sign-in started in this browser (expired flow)", async ({ page, request }) => {
    const response = await request.get(`${oidcBaseUrl}/auth/callback?code=abc&state=xyz`, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe("/auth/error?reason=expired");

    await page.goto(`${oidcBaseUrl}/auth/callback?code=abc&state=xyz`);
    await expect(page.getByTestId("sign-in-error-reason")).toHaveAttribute("data-reason", "expired");
    await page.getByTestId("try-again").click();
    await new ProviderLoginPage(page).expectShown();
  });

  test("a callback whose state is not this browser's sign-in", async ({ page }) => {
    await page.goto(`${oidcBaseUrl}/auth/login`);
    await new ProviderLoginPage(page).expectShown();
    await page.goto(`${oidcBaseUrl}/auth/callback?code=abc&state=not-the-state`);
    await expect(page.getByTestId("sign-in-error-reason")).toHaveAttribute("data-reason", "state_mismatch");
    await expect(page.getByTestId("try-again")).toBeVisible();
  });

  test("cancelling at the provider", async ({ page }) => {
    await page.goto(`${oidcBaseUrl}/`);
    await new ProviderLoginPage(page).cancelButton.click();
    await expect(page).toHaveURL(`${oidcBaseUrl}/auth/error?reason=cancelled`);
    await expect(page.getByTestId("sign-in-error")).toContainText("cancelled");
    await expect(page.getByTestId("try-again")).toBeVisible();
  });
});

test.describe("without login (AUTH_MODE=none)", () => {
  test("the sidebar says local mode, and the sign-in routes lead back to the chat", async ({ page, request }) => {
    await page.goto(baseUrlOf("demo"));
    await expect(page.getByTestId("local-mode-notice")).toContainText("Local mode");
    await expect(page.getByTestId("sign-out")).toHaveCount(0);
    const login = await request.get(`${baseUrlOf("demo")}/auth/login?returnTo=/chat/abc`, { maxRedirects: 0 });
    expect(login.headers().location).toBe("/chat/abc");
  });
});
