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
  await expect(new Sidebar(page).item(chatId)).toContainText("What's the weather in Madrid?");
});
