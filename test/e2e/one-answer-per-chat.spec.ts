import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// One answer at a time per chat: a message sent from a second device while the first one's answer
// is being written is not sent (409); the second device says so, offers Stop, and keeps the message
// in its composer. Stopped or finished, the chat takes the message, and each answer follows its
// question. (A second tab of the same browser hears of the answer at once and follows it live,
// tabs-sync.spec.ts; another device, here another browser context, only when it is looked at again.)

const server = baseUrlOf("openaiChat");
/** About 60 words, one every 150 ms: long enough for a second tab to open the chat and send. */
const slowAnswer = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");

async function openTab(context: BrowserContext, path: string): Promise<ChatPage> {
  const chat = new ChatPage(await context.newPage());
  await chat.open(`${server}${path}`);
  return chat;
}

/**
 * Both devices show a finished first exchange; the first then asks for a slow answer, and the
 * second, which loaded the chat before that answer began (a page opened mid-answer would show it
 * live), sends a follow-up, which is refused.
 */
async function followUpWhileAnswering(context: BrowserContext, browser: Browser, secondAnswer: string) {
  const scenario = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "A short first answer.", tokenDelayMs: 10 },
      { type: "text", text: slowAnswer, tokenDelayMs: 150 },
      { type: "text", text: secondAnswer, tokenDelayMs: 10 },
    ],
  });
  const first = await openTab(context, "/");
  await first.send(`${scenario.marker} Say something short`);
  await first.waitForAnswerToFinish();
  const chatId = await first.chatId();
  const second = new ChatPage(await (await browser.newContext()).newPage());
  // Loaded, and done checking for an answer being written, before the first device asks for one.
  expect(await second.openStoredChat(`${server}/chat/${chatId}`)).toBe(204);
  await expect(second.assistantMessages()).toHaveCount(1);

  await first.send("Tell me a long story");
  await expect(first.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");
  await second.send("And a follow-up, please");
  await expect(second.errorBanner).toContainText("Not sent. An answer is still being written in this chat.");
  await expect(second.stopOtherAnswerButton).toBeVisible();
  await expect(second.retryButton).toBeHidden();
  // Nothing of the refused message is lost, and it is not shown as sent.
  await expect(second.composer).toHaveValue("And a follow-up, please");
  await expect(second.userMessages()).toHaveCount(1);
  return { first, second, chatId };
}

async function storedRoles(context: BrowserContext, chatId: string) {
  const response = await context.request.get(`${server}/api/chats/${chatId}`);
  const { messages } = (await response.json()) as ChatJson;
  return messages.map((message) => `${message.role}${message.metadata?.status ? ` (${message.metadata.status})` : ""}`);
}

test.describe("one answer at a time in a chat", () => {
  test("a second device's message while an answer is written: Stop that answer, then the message is sent", async ({ context, browser }) => {
    const { first, second, chatId } = await followUpWhileAnswering(context, browser, "Answered after the stop.");

    await second.stopOtherAnswerButton.click();
    await expect(second.errorBanner).toBeHidden();
    await expect(first.messageStatus()).toHaveAttribute("data-status", "stopped");

    await second.composer.press("Enter");
    await second.waitForAnswerToFinish();
    expect(await second.lastAnswerText()).toContain("Answered after the stop.");
    await expect(second.composer).toHaveValue("");
    expect(await storedRoles(context, chatId)).toEqual(["user", "assistant", "user", "assistant (stopped)", "user", "assistant"]);
    await second.page.context().close();
  });

  test("a second device's message while an answer is written: once it has ended, the message is sent", async ({ context, browser }) => {
    const { first, second, chatId } = await followUpWhileAnswering(context, browser, "Answered after the first answer.");

    await first.waitForAnswerToFinish();
    expect(await first.lastAnswerText()).toContain("word59");
    await second.composer.press("Enter");
    await second.waitForAnswerToFinish();
    await expect(second.errorBanner).toBeHidden();
    expect(await second.lastAnswerText()).toContain("Answered after the first answer.");
    expect(await storedRoles(context, chatId)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    await second.page.context().close();
  });
});
