import { expect, test } from "@playwright/test";
import { readChatStream } from "@/test/support/read-chat-stream";
import { appServers, baseUrlOf } from "./servers";

// Without login (AUTH_MODE=none) whoever reaches the server is its one local user. A web page on
// another site reaches it through DNS rebinding: the page's own name is made to resolve to this
// machine, so the browser sends the page's requests here with that name in Host, and in Origin
// too (they are "same-origin" to the browser). The server answers only to its own names.

const baseURL = baseUrlOf("demo");
const { port } = appServers.demo;
const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };

async function storeAChat(): Promise<string> {
  const chatId = `local-${crypto.randomUUID()}`;
  const response = await fetch(`${baseURL}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: chatId, message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "My private notes" }] } }),
  });
  await readChatStream(response);
  return chatId;
}

test("a page on another site whose name resolves to this server reads nothing and changes nothing", async ({ request }) => {
  const chatId = await storeAChat();

  for (const [method, path] of [
    ["GET", "/api/chats"],
    ["GET", `/api/chats/${chatId}`],
    ["PATCH", `/api/chats/${chatId}`],
    ["DELETE", `/api/chats/${chatId}`],
    ["POST", "/api/chat"],
    ["POST", `/api/chat/${chatId}/stop`],
  ] as const) {
    const response = await request.fetch(`${baseURL}${path}`, {
      method,
      headers: rebound,
      data: method === "PATCH" ? { title: "Taken" } : method === "POST" && path === "/api/chat" ? { id: chatId, message: { id: "m1", role: "user", parts: [{ type: "text", text: "Hi" }] } } : undefined,
    });
    expect(response.status(), `${method} ${path}`).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code, `${method} ${path}`).toBe("host_not_allowed");
    expect(body.error.message).toContain("APP_URL");
  }

  for (const path of ["/", `/chat/${chatId}`]) {
    const page = await request.get(`${baseURL}${path}`, { headers: rebound });
    expect(page.status(), path).toBe(403);
    expect(page.headers()["content-type"]).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("only at its own address");
    expect(html).not.toContain("My private notes");
  }

  // The chat is still there, unchanged, for the real local user.
  const chat = (await (await request.get(`${baseURL}/api/chats/${chatId}`)).json()) as { title: string; messages: unknown[] };
  expect(chat.title).toBe("My private notes");
  expect(chat.messages).toHaveLength(2);
});

test("the loopback names are this server's own", async ({ request }) => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
    const response = await request.get(`${baseURL}/api/chats`, { headers: { host, origin: `http://${host}` } });
    expect(response.status(), host).toBe(200);
  }
});

test("signing in is not needed, and the way back from the sign-in route never leaves this server", async ({ request }) => {
  for (const returnTo of ["/.//evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e//evil.example", "//evil.example"]) {
    const response = await request.get(`${baseURL}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { maxRedirects: 0 });
    expect(response.status(), returnTo).toBe(303);
    expect(response.headers().location, returnTo).toBe("/");
  }
  const deepLink = await request.get(`${baseURL}/auth/login?returnTo=${encodeURIComponent("/chat/abc?x=1")}`, { maxRedirects: 0 });
  expect(deepLink.headers().location).toBe("/chat/abc?x=1");
});
