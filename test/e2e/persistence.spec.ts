import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { registerScenario } from "@/test/fixtures/fake-openai/client";
import { startNextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";
import { baseServerEnv, baseUrlOf, dataDirOf, fakeOpenAIUrl } from "./servers";

// Conversations that are never lost: each loss scenario of the issue, in a real browser against
// the production build, checked after a reload (what the server stored) as well as live.

const longQuestion = "Write a TypeScript function that reverses a string";
/** The last words of the demo model's answer to `longQuestion`. */
const longAnswerEnding = "writes any code you ask for.";

async function storedChat(request: APIRequestContext, chatId: string, baseURL = baseUrlOf("demo")): Promise<ChatJson> {
  const response = await request.get(`${baseURL}/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ChatJson;
}

const textOf = (message: ChatJson["messages"][number] | undefined) =>
  (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");

test.describe("conversations survive", () => {
  test("a reload after an answer shows the conversation, rendered on the server", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What time is it in Tokyo?");
    await chat.waitForAnswerToFinish();
    const chatId = await chat.chatId();
    const answer = await chat.lastAnswerText();

    await page.reload();
    await expect(chat.assistantMessages()).toHaveCount(1);
    expect(await chat.lastAnswerText()).toBe(answer);
    await expect(chat.chips("getCurrentTime")).toHaveAttribute("data-state", "done");

    // Server-rendered: the HTML itself holds the answer, before any script runs.
    const html = await (await page.request.get(`/chat/${chatId}`)).text();
    expect(html).toContain("Tokyo");
    expect(html).toContain('data-role="assistant"');
  });

  test("an answer that arrives all at once still gives the new chat its address, so a reload keeps it", async ({ page }) => {
    // One chunk, no pause: the status can go from "submitted" to "ready" between two renders.
    const scenario = await registerScenario(fakeOpenAIUrl, { turns: [{ type: "text", text: ["Done in one go."], tokenDelayMs: 0 }] });
    const chat = new ChatPage(page);
    await chat.open(baseUrlOf("openaiChat"));
    await chat.send(`${scenario.marker} Answer in one chunk`);
    await chat.waitForAnswerToFinish();
    await chat.chatId();

    await page.reload();
    await expect(chat.lastAssistantMessage()).toContainText("Done in one go.");
  });

  test("Stop mid-answer, then reload: exactly the partial text, marked as stopped", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send(longQuestion);
    await expect.poll(async () => (await chat.lastAnswerText()).length).toBeGreaterThan(40);

    await chat.stopButton.click();
    await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
    await expect(chat.sendButton).toBeVisible();
    const partial = await chat.lastAnswerText();
    expect(partial).not.toContain(longAnswerEnding);

    await page.reload();
    await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
    expect(await chat.lastAnswerText()).toBe(partial);
    await expect(page.getByTestId("regenerate-button")).toBeVisible();
  });

  test("closing the page mid-answer does not stop it: reopened, the complete answer is there", async ({ page, context, request }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send(longQuestion);
    await expect.poll(async () => (await chat.lastAnswerText()).length).toBeGreaterThan(0);
    const chatId = await chat.chatId();
    await page.close();

    await expect.poll(async () => textOf((await storedChat(request, chatId)).messages[1]), { timeout: 30_000 }).toContain(longAnswerEnding);

    const reopened = new ChatPage(await context.newPage());
    await reopened.open(`/chat/${chatId}`);
    expect(await reopened.lastAnswerText()).toContain(longAnswerEnding);
    await expect(reopened.messageStatus()).toHaveCount(0);
  });

  test("Stop during a running tool, reload, send another message: it works", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send("What's the weather in Slowtown?");
    const chip = chat.chips("getWeather");
    await expect(chip).toHaveAttribute("data-state", "running");

    await chat.stopButton.click();
    await expect(chip).toHaveAttribute("data-state", "stopped");
    await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");

    await page.reload();
    await expect(chat.chips("getWeather")).toHaveAttribute("data-state", "stopped");
    await chat.send("What is 2 + 2?");
    await chat.waitForAnswerToFinish();
    await expect(chat.chips("calculate")).toHaveAttribute("data-state", "done");
    expect(await chat.lastAnswerText()).toContain("4");
    await expect(chat.errorBanner).toHaveCount(0);
  });

  test("the provider fails mid-answer: partial text and the error are shown, also after a reload", async ({ page }) => {
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [{ type: "stream-error", text: "Here is the first part of the answer", failure: "error-event", tokenDelayMs: 20 }],
    });
    const chat = new ChatPage(page);
    await chat.open(baseUrlOf("openaiChat"));
    await chat.send(`${scenario.marker} Tell me everything`);

    await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
    expect(await chat.lastAnswerText()).toContain("Here is the first part of the answer");

    await page.reload();
    await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
    await expect(chat.messageStatus()).toContainText(/failed/i);
    expect(await chat.lastAnswerText()).toContain("Here is the first part of the answer");
    await expect(page.getByTestId("regenerate-button")).toBeVisible();
  });

  test("a restart of the server between two messages: the conversation continues", async ({ page }) => {
    const options = { port: 3110, dataDir: dataDirOf("restart"), env: baseServerEnv };
    let server = await startNextServer(options);
    try {
      const chat = new ChatPage(page);
      await chat.open(server.url);
      await chat.send("What time is it in Sydney?");
      await chat.waitForAnswerToFinish();
      const firstAnswer = await chat.lastAnswerText();

      await server.stop();
      server = await startNextServer({ ...options, keepData: true });

      await page.reload();
      expect(await chat.answerTexts()).toEqual([firstAnswer]);
      await chat.send("What is 6 * 7?");
      await chat.waitForAnswerToFinish();
      expect(await chat.lastAnswerText()).toContain("42");

      await page.reload();
      await expect(chat.assistantMessages()).toHaveCount(2);
      await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([/Sydney/, /6 \* 7/]);
    } finally {
      await server.stop();
    }
  });
});

test.describe("the sidebar", () => {
  test("lists a new chat under Today, renames it inline, deletes it after confirmation", async ({ page, request }) => {
    const chat = new ChatPage(page);
    const sidebar = new Sidebar(page);
    await chat.open();
    await chat.send("What is 17% of 2340?");
    await chat.waitForAnswerToFinish();
    const chatId = await chat.chatId();

    const item = sidebar.item(chatId);
    await expect(item).toBeVisible();
    await expect(sidebar.group("Today").getByTestId("chat-item").and(item)).toHaveCount(1);
    await expect(item).toHaveAttribute("data-active", "true");
    await expect(item).toContainText("What is 17% of 2340?");

    await sidebar.rename(chatId, "Percentages");
    await expect(item).toContainText("Percentages");
    await page.reload();
    await expect(sidebar.item(chatId)).toContainText("Percentages");
    expect((await storedChat(request, chatId)).title).toBe("Percentages");

    await sidebar.delete(chatId);
    await expect(sidebar.item(chatId)).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);
    expect((await request.get(`${baseUrlOf("demo")}/api/chats/${chatId}`)).status()).toBe(404);
  });

  test("on a phone, the history is a drawer", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const chat = new ChatPage(page);
    const sidebar = new Sidebar(page);
    await chat.open(baseUrlOf("demo"));
    await chat.send("What time is it in Paris?");
    await chat.waitForAnswerToFinish();
    const chatId = await chat.chatId();

    await expect(sidebar.root).toBeHidden();
    await sidebar.openButton.click();
    await expect(sidebar.item(chatId)).toBeVisible();
    await sidebar.newChat.click();
    await expect(sidebar.root).toBeHidden();
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await context.close();
  });
});
