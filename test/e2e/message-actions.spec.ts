import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl } from "./servers";

// What the user can do with a message once it is written: copy it, rate an answer, ask for it again.

async function storedChat(request: APIRequestContext, chatId: string, baseURL = baseUrlOf("demo")): Promise<ChatJson> {
  const response = await request.get(`${baseURL}/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ChatJson;
}

test.describe("message actions", () => {
  test("Copy puts an answer on the clipboard as Markdown, and a question as it was typed", async ({ page, context }) => {
    const origin = baseUrlOf("openaiChat");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    const markdown = "Use **`reverse`**:\n\n```ts\nconst reversed = [...text].reverse().join(\"\");\n```\n\n- works on $x$ too";
    const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: [markdown], tokenDelayMs: 0 }] });
    const chat = new ChatPage(page);
    await chat.open(origin);
    const question = `${scenario.marker} How do I reverse   a string?`;
    await chat.send(question);
    await chat.waitForAnswerToFinish();

    const answer = chat.lastAssistantMessage();
    await chat.copyMessage(answer);
    await expect(answer.getByTestId("copy-status")).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

    await chat.copyMessage(chat.userMessages().last());
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(question);
  });

  test("a thumb down with a note is kept: still pressed after a reload, and in the API; taking it back clears it", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What is 6 times 7?");
    await chat.waitForAnswerToFinish();
    const chatId = await chat.chatId();
    const { updatedAt } = await storedChat(page.request, chatId);

    await chat.rateAnswer(chat.lastAssistantMessage(), "down", { note: "I wanted it in words." });
    await expect(chat.lastAssistantMessage().getByTestId("feedback-status")).toHaveText("Thanks for telling us.");
    await expect(chat.feedbackButton(chat.lastAssistantMessage(), "down")).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    const answer = chat.lastAssistantMessage();
    await expect(chat.feedbackButton(answer, "down")).toHaveAttribute("aria-pressed", "true");
    await expect(chat.feedbackButton(answer, "up")).toHaveAttribute("aria-pressed", "false");
    // A rated answer keeps its row in view: the user sees their rating without looking for it.
    await expect(chat.messageActions(answer)).toHaveCSS("opacity", "1");
    const stored = await storedChat(page.request, chatId);
    expect(stored.messages[1]?.metadata?.feedback).toEqual({ rating: "down", note: "I wanted it in words.", at: expect.any(Number) });
    // Rating is not activity: the chat keeps its place in the list.
    expect(stored.updatedAt).toBe(updatedAt);

    // The other thumb replaces it (and its note); pressing it again takes it back.
    await chat.rateAnswer(answer, "up");
    await expect(chat.feedbackButton(answer, "up")).toHaveAttribute("aria-pressed", "true");
    await expect(chat.feedbackButton(answer, "down")).toHaveAttribute("aria-pressed", "false");
    await expect.poll(async () => (await storedChat(page.request, chatId)).messages[1]?.metadata?.feedback?.rating).toBe("up");
    await chat.rateAnswer(answer, "up");
    await expect(chat.feedbackButton(answer, "up")).toHaveAttribute("aria-pressed", "false");
    await expect.poll(async () => (await storedChat(page.request, chatId)).messages[1]?.metadata).not.toHaveProperty("feedback");
  });

  test("by keyboard: the actions show when focused, and the note closes with Escape, back on its thumb", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What time is it in Tokyo?");
    await chat.waitForAnswerToFinish();
    const answer = chat.lastAssistantMessage();
    const down = chat.feedbackButton(answer, "down");
    // With a mouse away from the answer and the focus in the composer, its actions keep out of sight.
    await page.mouse.move(0, 0);
    await expect(chat.messageActions(answer)).toHaveCSS("opacity", "0");

    // Back from the composer, through the last answer's actions.
    await chat.composer.focus();
    for (let step = 0; step < 10 && !(await down.evaluate((button) => button === document.activeElement)); step++) {
      await page.keyboard.press("Shift+Tab");
    }
    await expect(down).toBeFocused();
    await expect(chat.messageActions(answer)).toHaveCSS("opacity", "1");

    await page.keyboard.press("Enter");
    await expect(answer.getByTestId("feedback-note-input")).toBeFocused();
    await expect(down).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Escape");
    await expect(answer.getByTestId("feedback-note")).toHaveCount(0);
    await expect(down).toBeFocused();
    await expect(down).toHaveAttribute("aria-pressed", "true");
  });

  test("Regenerate on a finished answer writes a new one in its place, with no actions while it is written", async ({ page }) => {
    // One model call of the conversation, asked twice: the first attempt's answer, then the second's.
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [
        [
          { type: "text", text: "The first take on it.", tokenDelayMs: 0 },
          { type: "text", text: "A second take, written slowly enough to watch it arrive word by word.", tokenDelayMs: 80 },
        ],
      ],
    });
    const chat = new ChatPage(page);
    await chat.open(baseUrlOf("openaiChat"));
    await chat.send(`${scenario.marker} Tell me something`);
    await chat.waitForAnswerToFinish();
    await expect(chat.lastAssistantMessage()).toContainText("The first take on it.");

    await chat.regenerateAnswer(chat.lastAssistantMessage());
    await expect(chat.lastAssistantMessage()).toHaveAttribute("data-status", "streaming");
    await expect(chat.messageActions(chat.lastAssistantMessage())).toHaveCount(0);
    await expect(chat.lastAssistantMessage()).toContainText("word by word.");
    await chat.waitForAnswerToFinish();
    await expect(chat.assistantMessages()).toHaveCount(1);
    await expect(chat.lastAssistantMessage()).not.toContainText("The first take");
    await expect(chat.messageActions(chat.lastAssistantMessage()).getByTestId("regenerate-button")).toHaveCount(1);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

    test("the actions always show: there is no hovering on a touch screen", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await chat.send("What is 2 + 2?");
      await chat.waitForAnswerToFinish();

      await expect(chat.messageActions(chat.lastAssistantMessage())).toHaveCSS("opacity", "1");
      await expect(chat.messageActions(chat.userMessages().last())).toHaveCSS("opacity", "1");
      await chat.feedbackButton(chat.lastAssistantMessage(), "up").tap();
      await expect(chat.feedbackButton(chat.lastAssistantMessage(), "up")).toHaveAttribute("aria-pressed", "true");
      await page.screenshot({ path: test.info().outputPath("actions-phone.png") });
    });
  });
});
