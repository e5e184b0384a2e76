import { expect, test, type Page } from "@playwright/test";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// A chat open in several tabs, or on several devices, stays one conversation: what one tab sends
// shows in the others (the answer live), and chats created, renamed or deleted in one show in the
// others' lists. Tabs of one browser hear of it at once; another device (here another browser
// context, which shares nothing with the first) catches up when its page becomes visible again.

const server = baseUrlOf("openaiChat");
const wordCount = 40;
/** "word0 word1 … word39", one word every 100 ms. */
const slowAnswer = Array.from({ length: wordCount }, (_, index) => `word${index}`).join(" ");
const wordsOf = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);

/** A chat with one answered question, and the marker that makes its next answer the slow one. */
async function chatWithOneAnswer(chat: ChatPage): Promise<{ chatId: string; marker: string }> {
  const { marker } = await registerScenario(fakeOpenAIUrl, {
    turns: [
      { type: "text", text: "Ready when you are." },
      { type: "text", text: slowAnswer, tokenDelayMs: 100 },
    ],
  });
  await chat.open(`${server}/`);
  await chat.send(`${marker} Shall we count?`);
  await chat.waitForAnswerToFinish();
  return { chatId: await chat.chatId(), marker };
}

/** What a page does when the user comes back to it: the page becomes visible again. */
async function comeBackTo(page: Page) {
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
}

test.describe("the same chat in several tabs", () => {
  test("one tab sends: the other shows the message, then the answer live, ending the same", async ({ page, context }) => {
    const first = new ChatPage(page);
    const { chatId, marker } = await chatWithOneAnswer(first);
    const second = new ChatPage(await context.newPage());
    await second.open(`${server}/chat/${chatId}`);
    await second.arrive();
    await expect(second.userMessages()).toHaveCount(1);

    await first.send(`${marker} Count to forty`);
    await expect(second.userMessages()).toHaveCount(2);
    await expect(second.userMessages().last()).toContainText("Count to forty");
    // Live: the second tab shows the answer while the first is still writing it.
    await expect(second.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");
    await expect(second.stopButton).toBeVisible();
    await expect(first.stopButton).toBeVisible();

    await first.waitForAnswerToFinish();
    await second.waitForAnswerToFinish();
    expect(wordsOf(await second.lastAnswerText())).toEqual(wordsOf(slowAnswer));
    expect(await second.answerTexts()).toEqual(await first.answerTexts());
    await expect(second.errorBanner).toHaveCount(0);
  });

  test("a chat created, renamed or deleted in one tab shows so in the other tab's list", async ({ page, context }) => {
    const first = new ChatPage(page);
    const other = await context.newPage();
    const otherList = new Sidebar(other);
    await new ChatPage(other).open(`${server}/`);

    const { chatId } = await chatWithOneAnswer(first);
    await expect(otherList.item(chatId)).toBeVisible();

    await new Sidebar(page).rename(chatId, "Counting together");
    await expect(otherList.item(chatId)).toContainText("Counting together");

    await new Sidebar(page).delete(chatId);
    await expect(otherList.item(chatId)).toHaveCount(0);
  });

  test("the chat open in another tab when it is deleted says it is gone", async ({ page, context }) => {
    const first = new ChatPage(page);
    const { chatId } = await chatWithOneAnswer(first);
    const second = new ChatPage(await context.newPage());
    await second.open(`${server}/chat/${chatId}`);

    await new Sidebar(page).delete(chatId);
    await expect(second.page.getByTestId("not-found")).toBeVisible();
  });
});

test.describe("the same chat on another device", () => {
  test("it catches up with messages and answers when its page becomes visible again", async ({ page, browser }) => {
    const first = new ChatPage(page);
    const { chatId, marker } = await chatWithOneAnswer(first);
    const otherDevice = await browser.newContext();
    const second = new ChatPage(await otherDevice.newPage());
    expect(await second.openStoredChat(`${server}/chat/${chatId}`)).toBe(204);

    await first.send(`${marker} Count to forty`);
    await expect.poll(async () => wordsOf(await first.lastAnswerText()).length).toBeGreaterThanOrEqual(5);
    // Nothing reaches another device on its own...
    await expect(second.userMessages()).toHaveCount(1);
    // ...until the user comes back to it: the message, and the answer live from where it is.
    await comeBackTo(second.page);
    await expect(second.userMessages()).toHaveCount(2);
    await expect(second.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");
    await second.waitForAnswerToFinish();
    expect(wordsOf(await second.lastAnswerText())).toEqual(wordsOf(slowAnswer));
    await otherDevice.close();
  });
  test("a page loaded before another device's question shows that question above the answer it resumes", async ({ page, browser }) => {
    const first = new ChatPage(page);
    const { chatId, marker } = await chatWithOneAnswer(first);
    const otherDevice = await browser.newContext();
    const second = new ChatPage(await otherDevice.newPage());
    // The page is rendered and the user is on it now, but its check for a live answer is held until
    // that answer has begun.
    let releaseCheck = () => {};
    const checkReleased = new Promise<void>((resolve) => (releaseCheck = resolve));
    await second.page.route("**/api/chat/*/stream", async (route) => {
      await checkReleased;
      await route.continue();
    });
    await second.open(`${server}/chat/${chatId}`);
    await second.arrive();
    await expect(second.userMessages()).toHaveCount(1);

    await first.send(`${marker} Count to forty`);
    await expect.poll(async () => wordsOf(await first.lastAnswerText()).length).toBeGreaterThanOrEqual(5);
    releaseCheck();

    await expect(second.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");
    await expect(second.userMessages()).toHaveCount(2);
    await expect(second.userMessages().last()).toContainText("Count to forty");
    await second.waitForAnswerToFinish();
    await expect(second.messages).toHaveCount(4);
    expect(await second.messages.evaluateAll((messages) => messages.map((message) => message.getAttribute("data-role")))).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(wordsOf(await second.lastAnswerText())).toEqual(wordsOf(slowAnswer));
    await otherDevice.close();
  });
});
