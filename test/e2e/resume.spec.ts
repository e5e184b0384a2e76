import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// Resuming in the browser: a page opened on a chat while its answer is being written (a reload, a
// second tab) shows that answer from its start and then live, and ends exactly as the answer ends.
// The answers come from the fake OpenAI server, slow enough for a tab to open mid-answer, every
// word distinct so that a doubled or skipped word shows; the chip's from the paced demo model.

const server = baseUrlOf("openaiChat");
const wordCount = 60;
/** "word0 word1 … word59", one word every 100 ms. */
const slowAnswer = Array.from({ length: wordCount }, (_, index) => `word${index}`).join(" ");

async function storedChat(request: APIRequestContext, origin: string, chatId: string): Promise<ChatJson> {
  const response = await request.get(`${origin}/api/chats/${chatId}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ChatJson;
}

/** The stored conversation as roles, with each answer's status when it has one: "assistant (stopped)". */
async function storedRoles(request: APIRequestContext, chatId: string, origin = server): Promise<string[]> {
  const { messages } = await storedChat(request, origin, chatId);
  return messages.map((message) => `${message.role}${message.metadata?.status ? ` (${message.metadata.status})` : ""}`);
}

/** The answer as the store has it, rendered: the chat opened once nothing is being written (204, and the page stays as it is). */
async function storedAnswerAsShown(context: BrowserContext, chatId: string): Promise<string> {
  const fresh = new ChatPage(await context.newPage());
  expect(await fresh.openStoredChat(`${server}/chat/${chatId}`)).toBe(204);
  await expect(fresh.stopButton).toBeHidden();
  await expect(fresh.errorBanner).toHaveCount(0);
  const text = await fresh.lastAnswerText();
  await fresh.page.close();
  return text;
}

/** The words of a text: the slow answer's, each once and in order, unless something was doubled or skipped. */
const wordsOf = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);

/** The first page asks for the slow answer; once `shownWords` of its words are on screen, the chat's id. */
async function askAndWaitFor(chat: ChatPage, shownWords: number): Promise<string> {
  const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: slowAnswer, tokenDelayMs: 100 }] });
  await chat.open(`${server}/`);
  await chat.send(`${scenario.marker} Count slowly`);
  await expect.poll(async () => wordsOf(await chat.lastAnswerText()).length).toBeGreaterThanOrEqual(shownWords);
  return chat.chatId();
}

/** The first page asks; a second, already open (a tab takes a while to start), opens the chat as soon as the answer is on its way. */
async function openSecondTabMidAnswer(page: Page, context: BrowserContext) {
  const first = new ChatPage(page);
  const second = new ChatPage(await context.newPage());
  const chatId = await askAndWaitFor(first, 1);
  await second.open(`${server}/chat/${chatId}`);
  return { first, second, chatId };
}

test.describe("resuming an answer being written", () => {
  test("reload at a third of the answer: it keeps growing and ends as the stored answer, nothing doubled", async ({ page, context, request }) => {
    const chat = new ChatPage(page);
    const chatId = await askAndWaitFor(chat, wordCount / 3);

    await page.reload();
    await chat.recordAnswerLengths();
    await expect(chat.userMessages()).toHaveCount(1);
    await expect(chat.stopButton).toBeVisible();
    await chat.waitForAnswerToFinish();
    await expect(chat.errorBanner).toHaveCount(0);

    // Replayed from its start, then live: the text went through lengths short of its end.
    const lengths = await chat.recordedAnswerLengths();
    const final = lengths.at(-1) ?? 0;
    expect(lengths.filter((length) => length > 0 && length < final).length).toBeGreaterThanOrEqual(2);

    const shown = await chat.lastAnswerText();
    expect(wordsOf(shown)).toEqual(wordsOf(slowAnswer));
    expect(shown).toBe(await storedAnswerAsShown(context, chatId));
    expect(await storedRoles(request, chatId)).toEqual(["user", "assistant"]);
    await expect(chat.assistantMessages()).toHaveCount(1);
  });

  test("a second tab opened mid-answer shows it live and ends with the same text", async ({ page, context, request }) => {
    const { first, second, chatId } = await openSecondTabMidAnswer(page, context);
    await expect(second.userMessages()).toHaveCount(1);
    await expect(second.stopButton).toBeVisible();
    await expect(second.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");

    await first.waitForAnswerToFinish();
    await second.waitForAnswerToFinish();
    const shown = await second.lastAnswerText();
    expect(wordsOf(shown)).toEqual(wordsOf(slowAnswer));
    expect(shown).toBe(await first.lastAnswerText());
    expect(shown).toBe(await storedAnswerAsShown(context, chatId));
    await expect(second.errorBanner).toHaveCount(0);
    expect(await storedRoles(request, chatId)).toEqual(["user", "assistant"]);
  });

  test("Stop in the second tab stops the answer in both tabs, where it was stored", async ({ page, context, request }) => {
    const { first, second, chatId } = await openSecondTabMidAnswer(page, context);
    await expect(second.stopButton).toBeVisible();

    await second.stopButton.click();
    for (const tab of [first, second]) {
      await expect(tab.messageStatus()).toHaveAttribute("data-status", "stopped");
      await expect(tab.sendButton).toBeVisible();
      await expect(tab.errorBanner).toHaveCount(0);
    }
    expect(await storedRoles(request, chatId)).toEqual(["user", "assistant (stopped)"]);
    const stored = await storedAnswerAsShown(context, chatId);
    expect(wordsOf(stored).length).toBeLessThan(wordCount);
    expect(await first.lastAnswerText()).toBe(stored);
    expect(await second.lastAnswerText()).toBe(stored);
  });

  test("reload while a tool runs: its chip comes back and ends as it did live", async ({ page, request }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What's the weather in Slowtown?");
    await expect(chat.chips("getWeather")).toHaveAttribute("data-state", "running");
    const chatId = await chat.chatId();

    // Whether the reloaded page catches the call still running depends on how fast it loads (the
    // tool times out after 2 s): what it must show is the call's end, as the live page did.
    await page.reload();
    await expect(chat.chips("getWeather")).toHaveAttribute("data-state", "timeout");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("Slowtown");
    await expect(chat.errorBanner).toHaveCount(0);
    expect(await storedRoles(request, chatId, baseUrlOf("demo"))).toEqual(["user", "assistant"]);
  });
});
