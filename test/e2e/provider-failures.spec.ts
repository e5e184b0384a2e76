import { expect, test } from "@playwright/test";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl, type AppServerName } from "./servers";

// Provider failures say what happened, and offer Retry only when retrying can help: live, and the
// same after a reload (what the server stored).

const modes: Array<{ name: string; server: AppServerName }> = [
  { name: "Responses API", server: "openaiResponses" },
  { name: "Chat Completions API", server: "openaiChat" },
];

const contextOverflowText = "This conversation is too long for the model to read at once, so trying again will not help: start a new chat.";

for (const { name, server } of modes) {
  test.describe(`provider failures through the ${name}`, () => {
    let chat: ChatPage;

    test.beforeEach(async ({ page }) => {
      chat = new ChatPage(page);
      await chat.open(baseUrlOf(server));
    });

    test("a conversation too long for the model says so, with no Retry or Regenerate, also after a reload", async ({ page }) => {
      const scenario = await registerScenario(fakeOpenAIUrl, {
        turns: [
          {
            type: "http-error",
            status: 400,
            errorType: "invalid_request_error",
            code: "context_length_exceeded",
            message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens. Please reduce the length of the messages.",
          },
        ],
      });
      await chat.send(`${scenario.marker} Summarise everything we talked about`);

      await expect(chat.errorBanner).toContainText(contextOverflowText);
      await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
      await expect(chat.retryButton).toHaveCount(0);
      await expect(page.getByTestId("regenerate-button")).toHaveCount(0);
      await expect(chat.errorBanner).not.toContainText("9120 tokens");

      await page.reload();
      await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
      await expect(chat.messageStatus()).toContainText(contextOverflowText);
      await expect(chat.sendButton).toBeVisible();
      await expect(page.getByTestId("regenerate-button")).toHaveCount(0);
      await expect(chat.retryButton).toHaveCount(0);
      expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(1);
    });

    test("an overloaded provider (503) offers Retry, and Regenerate after a reload, which answers", async ({ page }) => {
      const scenario = await registerScenario(fakeOpenAIUrl, {
        turns: [
          [
            { type: "http-error", status: 503, retryAfterMs: 20, times: 3 },
            { type: "text", text: "Back again: here is your answer.", tokenDelayMs: 10 },
          ],
        ],
      });
      await chat.send(`${scenario.marker} Say something`);

      await expect(chat.errorBanner).toContainText("The model provider answered with HTTP 503 (tried 3 times).");
      await expect(chat.retryButton).toBeVisible();

      await page.reload();
      await expect(chat.messageStatus()).toHaveAttribute("data-status", "failed");
      await expect(chat.messageStatus()).toContainText("The model provider answered with HTTP 503 (tried 3 times).");
      await page.getByTestId("regenerate-button").click();

      // The new answer's text, once it is there (the answer before it leaves the page as this one arrives).
      await expect(chat.lastAssistantMessage().getByTestId("message-text")).toContainText("Back again: here is your answer.");
      await chat.waitForAnswerToFinish();
      await expect(chat.messageStatus()).toHaveCount(0);
    });
  });
}
