import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { ChatJson, ChatSummaryJson } from "@/lib/chat/chat-json";
import { readChatStream } from "@/test/support/read-chat-stream";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";
import { fakeOpenAIUrl, type OidcAccountName } from "./servers";
import { oidcBaseUrl, signIn } from "./support/sign-in";

// Two people signed in through the real OpenID Provider, each in their own browser. Every chat
// route is scoped by the signed-in user: to Bob, Alice's chats do not exist — not by their ids,
// not by guessing, not in his list — and nothing Bob does reads, changes or stops them.

type ListJson = { chats: ChatSummaryJson[]; nextCursor: string | null };

async function signedInPage(browser: Browser, name: OidcAccountName): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, name);
  return page;
}

const userMessage = (text: string, id = crypto.randomUUID()) => ({ id, role: "user" as const, parts: [{ type: "text" as const, text }] });

async function chatOf(request: APIRequestContext, chatId: string): Promise<ChatJson> {
  const response = await request.get(`${oidcBaseUrl}/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ChatJson;
}

async function listOf(request: APIRequestContext): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
    const page = (await (await request.get(`${oidcBaseUrl}/api/chats${query}`)).json()) as ListJson;
    ids.push(...page.chats.map((chat) => chat.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

test("Bob gets 404 for each of Alice's chats on every route, and never reads, changes or stops them", async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  const secret = `alice-secret-${crypto.randomUUID().slice(0, 8)}`;

  // Alice: one chat through the page, one through the API.
  const aliceChat = new ChatPage(alice);
  await aliceChat.sendWhenReady(`Remember ${secret}`);
  await aliceChat.waitForAnswerToFinish();
  const firstId = await aliceChat.chatId();
  const secondId = `alice-api-${crypto.randomUUID()}`;
  expect((await sendAs(alice, { id: secondId, message: userMessage(`Also ${secret}`) }).then(readChatStream)).invalid).toEqual([]);
  const aliceIds = [firstId, secondId];
  const before = await Promise.all(aliceIds.map((id) => chatOf(alice.request, id)));

  // Bob: each of Alice's ids, and ids he might guess or enumerate.
  const guessed = [crypto.randomUUID(), "1", "chat-1", "a", firstId.toUpperCase(), `${firstId}-`, secondId.slice(0, -1)];
  for (const id of [...aliceIds, ...guessed]) {
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const response = await bob.request.fetch(`${oidcBaseUrl}/api/chats/${id}`, { method, data: method === "PATCH" ? { title: "Bob was here" } : undefined });
      expect(response.status(), `${method} /api/chats/${id}`).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const stop = await bob.request.post(`${oidcBaseUrl}/api/chat/${id}/stop`);
    expect(stop.status(), `POST /api/chat/${id}/stop`).toBe(404);
    const exported = await bob.request.get(`${oidcBaseUrl}/api/chats/${id}/export?format=json`);
    expect(exported.status(), `GET /api/chats/${id}/export`).toBe(404);
    expect(await exported.text()).not.toContain(secret);
    const chatPage = await bob.request.get(`${oidcBaseUrl}/chat/${id}`);
    expect(chatPage.status(), `GET /chat/${id}`).toBe(404);
    expect(await chatPage.text()).not.toContain(secret);
  }
  await bob.goto(`${oidcBaseUrl}/chat/${firstId}`);
  await expect(bob.getByTestId("not-found")).toBeVisible();
  await expect(bob.getByText(secret)).toHaveCount(0);

  // Bob's list, by the API and in his sidebar, holds none of Alice's chats.
  const bobIds = await listOf(bob.request);
  for (const id of aliceIds) expect(bobIds).not.toContain(id);
  await bob.goto(`${oidcBaseUrl}/`);
  for (const id of aliceIds) await expect(new Sidebar(bob).item(id)).toHaveCount(0);

  // Alice's chats are as they were: not renamed, not deleted.
  expect(await Promise.all(aliceIds.map((id) => chatOf(alice.request, id)))).toEqual(before);
  const aliceList = await listOf(alice.request);
  for (const id of aliceIds) expect(aliceList).toContain(id);
});

test("Bob 'continuing' Alice's chat gets 404: nothing reaches the model, Alice's chat is unchanged", async ({ browser }) => {
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  const secret = `alice-secret-${crypto.randomUUID().slice(0, 8)}`;
  const chatId = `shared-id-${crypto.randomUUID()}`;
  const aliceMessage = userMessage(`Remember ${secret}`);
  await readChatStream(await sendAs(alice, { id: chatId, message: aliceMessage }));
  const before = await chatOf(alice.request, chatId);
  expect(before.messages).toHaveLength(2);

  // Bob submits to the same id, and regenerates "Alice's" message there: a chat id belongs to one
  // user, so for Bob it is a chat he cannot see, like any other.
  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: "Should never be asked." }] });
  for (const body of [
    { id: chatId, message: userMessage(`${scenario.marker} What did I tell you?`) },
    { id: chatId, message: userMessage(`${scenario.marker} And now?`, aliceMessage.id), trigger: "regenerate-message", messageId: before.messages[1]?.id },
  ]) {
    const response = await sendAs(bob, body);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }

  expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(0);
  expect(await chatOf(alice.request, chatId)).toEqual(before);
  expect((await bob.request.get(`${oidcBaseUrl}/api/chats/${chatId}`)).status()).toBe(404);
});

test("Bob cannot stop Alice's running answer", async ({ browser }) => {
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  const chatId = `slow-${crypto.randomUUID()}`;
  const words = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: `${words} THE END`, tokenDelayMs: 50 }] });

  const answer = sendAs(alice, { id: chatId, message: userMessage(`${scenario.marker} Talk slowly`) }).then(readChatStream);
  // Alice's message is stored before the model is called: from then on her answer is running.
  await expect.poll(async () => (await alice.request.get(`${oidcBaseUrl}/api/chats/${chatId}`)).status()).toBe(200);

  const stop = await bob.request.post(`${oidcBaseUrl}/api/chat/${chatId}/stop`);
  expect(stop.status()).toBe(404);

  expect((await answer).invalid).toEqual([]);
  const stored = await chatOf(alice.request, chatId);
  const last = stored.messages.at(-1);
  expect(last?.metadata?.status).toBeUndefined(); // finished: not "stopped"
  expect(JSON.stringify(last?.parts)).toContain("THE END");
});

/**
 * POST /api/chat as the user signed in on `page`, with `fetch` and that browser's cookies: the
 * answer streams (Playwright's request context would buffer it).
 */
async function sendAs(page: Page, body: Record<string, unknown>): Promise<Response> {
  const cookie = (await page.context().cookies(oidcBaseUrl)).map(({ name, value }) => `${name}=${value}`).join("; ");
  return fetch(`${oidcBaseUrl}/api/chat`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
}
