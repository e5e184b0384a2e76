import { expect, test } from "@playwright/test";
import type { ChatJson, ChatSummaryJson } from "@/lib/chat/chat-json";
import { readChatStream } from "@/test/support/read-chat-stream";
import { baseUrlOf } from "./servers";

// The conversation API on the production server: concurrency, listing, and bad requests.

const baseURL = baseUrlOf("demo");

const send = (chatId: string, text: string) =>
  fetch(`${baseURL}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] },
      trigger: "submit-message",
    }),
  });

test("50 concurrent conversations are each stored with exactly their own messages", async () => {
  test.setTimeout(120_000);
  const run = crypto.randomUUID().slice(0, 8);
  const conversations = Array.from({ length: 50 }, (_, index) => ({
    chatId: `concurrent-${run}-${index}`,
    text: `Conversation number ${index} of run ${run}`,
  }));

  const readings = await Promise.all(
    conversations.map(async ({ chatId, text }) => {
      const response = await send(chatId, text);
      expect(response.status).toBe(200);
      return readChatStream(response);
    }),
  );
  for (const reading of readings) expect(reading.invalid).toEqual([]);

  for (const { chatId, text } of conversations) {
    const chat = (await (await fetch(`${baseURL}/api/chats/${chatId}`)).json()) as ChatJson;
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(chat.messages[0]?.parts).toEqual([{ type: "text", text }]);
    const answer = chat.messages[1]?.parts.map((part) => (part.type === "text" ? part.text : "")).join("") ?? "";
    // The demo model quotes the question it answers: each answer belongs to its own conversation.
    expect(answer).toContain(text);
    expect(chat.title).toBe(text);
  }

  // And the list, read page by page, holds all of them once.
  const listed: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : "?limit=20";
    const page = (await (await fetch(`${baseURL}/api/chats${query}`)).json()) as { chats: ChatSummaryJson[]; nextCursor: string | null };
    listed.push(...page.chats.map((chat) => chat.id));
    cursor = page.nextCursor;
  } while (cursor);
  const ours = listed.filter((id) => id.startsWith(`concurrent-${run}-`));
  expect(new Set(ours).size).toBe(50);
  expect(ours).toHaveLength(50);
});

test.describe("unknown chats and bad requests", () => {
  const unknown = "no-such-chat-anywhere";

  for (const [method, path] of [
    ["GET", `/api/chats/${unknown}`],
    ["PATCH", `/api/chats/${unknown}`],
    ["DELETE", `/api/chats/${unknown}`],
    ["POST", `/api/chat/${unknown}/stop`],
    ["GET", "/api/chats/..%2F..%2Fetc%2Fpasswd"],
    ["GET", `/api/chats/${"x".repeat(150)}`],
  ] as const) {
    test(`${method} ${path.slice(0, 60)} → 404 JSON`, async ({ request }) => {
      const response = await request.fetch(`${baseURL}${path}`, {
        method,
        data: method === "PATCH" ? { title: "x" } : undefined,
      });
      expect(response.status()).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    });
  }

  // Next's router cannot decode these, and answered its own plain-text 500.
  for (const [method, path] of [
    ["GET", "/api/chats/%"],
    ["GET", "/api/chats/%C0%AE%C0%AE"],
    ["DELETE", "/api/chats/%E0%A4%A"],
    ["POST", "/api/chat/%/stop"],
  ] as const) {
    test(`${method} ${path}, not validly percent-encoded → 400 JSON`, async ({ request }) => {
      const response = await request.fetch(`${baseURL}${path}`, { method });
      expect(response.status()).toBe(400);
      expect(response.headers()["content-type"]).toMatch(/^application\/json/);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain("percent-encoded");
    });
  }

  test("an API path that does not exist → 404 JSON, whatever the method", async ({ request }) => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/nope"],
      ["GET", "/api/chats/some-chat/messages"],
      ["DELETE", "/api/health/now"],
    ] as const) {
      const response = await request.fetch(`${baseURL}${path}`, { method });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(response.headers()["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  test("a method an API route does not serve → 405 JSON saying which it does", async ({ request }) => {
    for (const [method, path, allow] of [
      ["PUT", "/api/chats", "GET"],
      ["POST", `/api/chats/${unknown}`, "GET, PATCH, DELETE"],
      ["GET", "/api/chat", "POST"],
      ["DELETE", `/api/chat/${unknown}/stop`, "POST"],
      ["POST", "/api/health", "GET"],
    ] as const) {
      const response = await request.fetch(`${baseURL}${path}`, { method });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
      expect(response.headers()["allow"], `${method} ${path}`).toBe(allow);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    }
  });

  test("a page address that is not validly percent-encoded is a plain 400 page", async ({ request }) => {
    const response = await request.get(`${baseURL}/chat/%C0%AE%C0%AE`);
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await response.text()).toContain("not a valid address");
  });

  test("the chat page of an unknown chat is a 404 page", async ({ page }) => {
    const response = await page.goto(`${baseURL}/chat/${unknown}`);
    expect(response?.status()).toBe(404);
  });

  test("renaming needs a title of 1 to 100 characters; a list cursor must be one the server made", async ({ request }) => {
    const chatId = `rename-${crypto.randomUUID()}`;
    await readChatStream(await send(chatId, "Hello"));
    for (const title of ["", "   ", "x".repeat(101)]) {
      const response = await request.patch(`${baseURL}/api/chats/${chatId}`, { data: { title } });
      expect(response.status()).toBe(400);
    }
    const ok = await request.patch(`${baseURL}/api/chats/${chatId}`, { data: { title: "  Fine   title " } });
    expect(((await ok.json()) as ChatSummaryJson).title).toBe("Fine title");

    expect((await request.get(`${baseURL}/api/chats?cursor=forged`)).status()).toBe(400);
    expect((await request.get(`${baseURL}/api/chats?limit=1000`)).status()).toBe(400);
  });

  test("Stop when nothing is running is accepted", async ({ request }) => {
    const chatId = `idle-${crypto.randomUUID()}`;
    await readChatStream(await send(chatId, "Hello"));
    const response = await request.post(`${baseURL}/api/chat/${chatId}/stop`);
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ stopped: false });
  });
});
