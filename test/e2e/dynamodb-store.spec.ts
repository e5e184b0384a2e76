import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { Sidebar } from "./pages/sidebar";
import { baseUrlOf } from "./servers";

// The same app with CHAT_STORE=dynamodb, against a local DynamoDB-compatible server through the real
// AWS SDK: the store is chosen by configuration, and a conversation (stopped answer included) survives
// a reload.

const baseURL = baseUrlOf("demoOnDynamoDB");

test("a conversation stored in DynamoDB survives a reload, with a stopped answer exactly as it was", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(baseURL);
  await chat.send("What's the weather in Madrid?");
  await chat.waitForAnswerToFinish();
  const chatId = await chat.chatId();

  await chat.send("Write a Python function that checks whether a word is a palindrome");
  await expect.poll(async () => (await chat.lastAnswerText()).length).toBeGreaterThan(30);
  await chat.stopButton.click();
  await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
  const answers = await chat.answerTexts();

  await page.reload();
  expect(await chat.answerTexts()).toEqual(answers);
  await expect(chat.chips("getWeather")).toHaveAttribute("data-state", "done");
  await expect(chat.messageStatus()).toHaveAttribute("data-status", "stopped");
  const stored = (await (await page.request.get(`${baseURL}/api/chats/${chatId}`)).json()) as { title: string };
  expect(stored.title).toBe("What's the weather in Madrid?");
});

test("the sidebar loads older chats as it is scrolled (infinite scroll, pages of 30)", async ({ page }) => {
  test.setTimeout(90_000);
  const run = crypto.randomUUID().slice(0, 8);
  await Promise.all(
    Array.from({ length: 40 }, async (_, index) => {
      const response = await fetch(`${baseURL}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          id: `scroll-${run}-${index}`,
          message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: `Scroll test ${index}` }] },
        }),
      });
      await response.text();
    }),
  );

  const sidebar = new Sidebar(page);
  await new ChatPage(page).open(baseURL);
  await expect(sidebar.items).toHaveCount(30);
  await expect
    .poll(async () => {
      await sidebar.items.last().scrollIntoViewIfNeeded();
      return sidebar.items.count();
    })
    .toBeGreaterThanOrEqual(40);
  await expect(page.locator(`[data-testid="chat-item"][data-chat-id^="scroll-${run}-"]`)).toHaveCount(40);
});
