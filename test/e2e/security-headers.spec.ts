import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf } from "./servers";

// Security headers on every response, a nonce-based Content-Security-Policy that the app itself
// never violates, and POST routes that refuse requests from other sites.

const baseURL = baseUrlOf("demo");

test("pages carry a nonce-based CSP that their scripts satisfy; the app runs without a single violation", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("__reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  const response = await page.goto(baseURL);
  const policy = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every script of the page carries this response's nonce.
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);

  // A fresh nonce per response.
  const again = await page.request.get(baseURL);
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

  // The whole app works under the policy: streaming, chips, markdown with code.
  const chat = new ChatPage(page);
  await chat.send("What time is it in Paris, and write a TypeScript function that reverses a string");
  await chat.waitForAnswerToFinish();
  await chat.send("Write a TypeScript function that reverses a string");
  await chat.waitForAnswerToFinish();
  await expect(chat.lastAssistantMessage().locator("pre code")).toBeVisible();
  expect(violations).toEqual([]);
});

test("API responses and static files carry the security headers too", async ({ request, page }) => {
  const api = await request.get(`${baseURL}/api/chats`);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(api.headers()["x-frame-options"]).toBe("DENY");

  await page.goto(baseURL);
  const scriptUrl = await page.locator("script[src]").first().getAttribute("src");
  expect(scriptUrl).toBeTruthy();
  const asset = await request.get(new URL(scriptUrl ?? "", baseURL).href);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("POST routes refuse requests from other sites; nothing is stored", async ({ request }) => {
  const chatId = `cross-site-${crypto.randomUUID()}`;
  const body = {
    id: chatId,
    message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "Transfer all my chats" }] },
  };
  const crossSite: Array<Record<string, string>> = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { origin: "null" },
  ];
  for (const headers of crossSite) {
    const refused = await request.post(`${baseURL}/api/chat`, { data: body, headers });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    for (const [method, path] of [
      ["PATCH", `/api/chats/${chatId}`],
      ["DELETE", `/api/chats/${chatId}`],
      ["POST", `/api/chat/${chatId}/stop`],
    ] as const) {
      const response = await request.fetch(`${baseURL}${path}`, { method, headers, data: method === "PATCH" ? { title: "x" } : undefined });
      expect(response.status(), `${method} ${path}`).toBe(403);
    }
  }
  expect((await request.get(`${baseURL}/api/chats/${chatId}`)).status()).toBe(404);

  // The app's own origin is welcome.
  const accepted = await request.post(`${baseURL}/api/chat`, { data: body, headers: { origin: baseURL, "sec-fetch-site": "same-origin" } });
  expect(accepted.status()).toBe(200);
  await accepted.body();
});
