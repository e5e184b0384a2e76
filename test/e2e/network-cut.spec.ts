import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { CUT_MID_ANSWER_TEXT } from "@/components/chat/chat-error";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { startCuttingProxy, type CuttingProxy } from "@/test/support/cutting-proxy";
import { ChatPage } from "./pages/chat-page";
import { appServers, baseUrlOf, fakeOpenAIUrl } from "./servers";

// The network cut under the browser mid-answer: the page reconnects on its own and the answer
// carries on where it was, with no error; an error shows only when reconnecting fails. The browser
// reaches the server through a proxy the test cuts; the answer comes from the fake OpenAI server,
// slow, every word distinct, so that a doubled or skipped word shows.

const server = baseUrlOf("openaiChat");
const wordCount = 60;
/** "word0 word1 … word59", one word every 100 ms. */
const slowAnswer = Array.from({ length: wordCount }, (_, index) => `word${index}`).join(" ");
const wordsOf = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);

let proxy: CuttingProxy;
test.beforeEach(async () => {
  proxy = await startCuttingProxy({ host: "127.0.0.1", port: appServers.openaiChat.port });
});
test.afterEach(async () => {
  await proxy.close();
});

async function storedAnswerText(request: APIRequestContext, chatId: string): Promise<{ roles: string[]; text: string }> {
  const response = await request.get(`${server}/api/chats/${chatId}`);
  expect(response.ok()).toBe(true);
  const { messages } = (await response.json()) as ChatJson;
  const answer = messages.at(-1);
  return {
    roles: messages.map((message) => `${message.role}${message.metadata?.status ? ` (${message.metadata.status})` : ""}`),
    text: answer?.parts.map((part) => (part.type === "text" ? part.text : "")).join("") ?? "",
  };
}

/** Counts, inside the page, every time the error banner appears: a banner that flashes and goes counts too. */
async function recordErrorBanners(page: Page) {
  await page.evaluate(() => {
    const seen = { count: 0 };
    (window as unknown as { __errorBanners: { count: number } }).__errorBanners = seen;
    let shown = false;
    new MutationObserver(() => {
      const now = document.querySelector('[data-testid="error-banner"]') !== null;
      if (now && !shown) seen.count += 1;
      shown = now;
    }).observe(document.body, { subtree: true, childList: true });
  });
}

const errorBannersSeen = (page: Page) => page.evaluate(() => (window as unknown as { __errorBanners: { count: number } }).__errorBanners.count);

/** Asks for the slow answer through the proxy; returns once `shownWords` of its words are on screen. */
async function askThroughProxy(chat: ChatPage, shownWords: number): Promise<string> {
  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: slowAnswer, tokenDelayMs: 100 }] });
  await chat.open(`${proxy.url}/`);
  await recordErrorBanners(chat.page);
  await chat.send(`${scenario.marker} Count slowly`);
  await expect.poll(async () => wordsOf(await chat.lastAnswerText()).length).toBeGreaterThanOrEqual(shownWords);
  return chat.chatId();
}

const isReconnect = (url: string) => /\/api\/chat\/[^/]+\/stream\?stream=/.test(url);

/** The requests that read an answer again after a cut: all of them, and those that could not reach the server. */
function countReconnects(page: Page): { made: () => number; failed: () => number } {
  let made = 0;
  let failed = 0;
  page.on("request", (request) => {
    if (isReconnect(request.url())) made += 1;
  });
  page.on("requestfailed", (request) => {
    if (isReconnect(request.url())) failed += 1;
  });
  return { made: () => made, failed: () => failed };
}

test.describe("the network cut mid-answer", () => {
  test("the page reconnects on its own: the answer completes, nothing doubled or skipped, no error", async ({ page, request }) => {
    const chat = new ChatPage(page);
    const reconnects = countReconnects(page);
    const chatId = await askThroughProxy(chat, wordCount / 4);

    proxy.cutConnections();
    await expect.poll(reconnects.made).toBeGreaterThanOrEqual(1);
    await chat.waitForAnswerToFinish();

    const shown = await chat.lastAnswerText();
    expect(wordsOf(shown)).toEqual(wordsOf(slowAnswer));
    expect(await errorBannersSeen(page)).toBe(0);
    expect(await storedAnswerText(request, chatId)).toEqual({ roles: ["user", "assistant"], text: slowAnswer });
  });

  test("cut twice, the second time with the server unreachable for a while: it still completes", async ({ page, request }) => {
    const chat = new ChatPage(page);
    const reconnects = countReconnects(page);
    const chatId = await askThroughProxy(chat, 10);

    proxy.cutConnections();
    await expect.poll(reconnects.made).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => wordsOf(await chat.lastAnswerText()).length).toBeGreaterThanOrEqual(25);
    proxy.refuseConnections(true);
    proxy.cutConnections();
    // The server stays unreachable until two attempts to reconnect have failed.
    await expect.poll(reconnects.failed).toBeGreaterThanOrEqual(2);
    proxy.refuseConnections(false);
    await chat.waitForAnswerToFinish();

    expect(wordsOf(await chat.lastAnswerText())).toEqual(wordsOf(slowAnswer));
    expect(await errorBannersSeen(page)).toBe(0);
    expect((await storedAnswerText(request, chatId)).text).toBe(slowAnswer);
  });

  test("when reconnecting fails, an error says so; the answer is saved anyway, and a reload shows it", async ({ page, request }) => {
    const chat = new ChatPage(page);
    const chatId = await askThroughProxy(chat, 10);

    proxy.refuseConnections(true);
    proxy.cutConnections();
    await expect(chat.errorBanner).toContainText(CUT_MID_ANSWER_TEXT, { timeout: 20_000 });
    await expect(chat.retryButton).toHaveCount(0);

    proxy.refuseConnections(false);
    await expect.poll(async () => (await storedAnswerText(request, chatId)).text, { timeout: 20_000 }).toBe(slowAnswer);
    await page.reload();
    await expect(chat.errorBanner).toHaveCount(0);
    expect(wordsOf(await chat.lastAnswerText())).toEqual(wordsOf(slowAnswer));
  });
});
