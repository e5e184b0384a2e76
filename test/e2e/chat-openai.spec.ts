import { expect, test } from "@playwright/test";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { toolResultsIn } from "@/test/fixtures/fake-openai/tool-results";
import { ChatPage } from "./pages/chat-page";
import { baseUrlOf, fakeOpenAIUrl, type AppServerName } from "./servers";

// The OpenAI path: @ai-sdk/openai over real HTTP against the fake OpenAI server, in both API modes.

const modes: Array<{ name: string; server: AppServerName }> = [
  { name: "Responses API", server: "openaiResponses" },
  { name: "Chat Completions API", server: "openaiChat" },
];

for (const { name, server } of modes) {
  test.describe(`OpenAI model through the ${name}`, () => {
    let chat: ChatPage;

    test.beforeEach(async ({ page }) => {
      chat = new ChatPage(page);
      await page.goto(baseUrlOf(server));
      await expect(chat.composer).toBeVisible();
    });

    test("a tool call round trip: the chip finishes, the result reaches the model, the answer streams", async () => {
      const scenario = await registerScenario(fakeOpenAIUrl, {
        turns: [
          { type: "tool-calls", calls: [{ name: "calculate", arguments: { expression: "6 * 7" } }] },
          { type: "text", text: "Six times seven is 42, straight from the calculator.", tokenDelayMs: 20 },
        ],
      });
      await expect(chat.chosenModel).toHaveText(/gpt-e2e/);
      await chat.send(`${scenario.marker} What is 6 times 7?`);

      await expect(chat.chips("calculate")).toHaveAttribute("data-state", "done");
      await chat.waitForAnswerToFinish();
      expect(await chat.lastAnswerText()).toContain("Six times seven is 42, straight from the calculator.");

      const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
      expect(requests).toHaveLength(2);
      const [secondRequest] = requests.slice(1);
      if (!secondRequest) throw new Error("expected a second model call");
      expect(JSON.stringify(toolResultsIn(secondRequest))).toContain('\\"result\\":\\"42\\"');
    });

    test("a provider failure shows an error banner, and Retry succeeds", async () => {
      const scenario = await registerScenario(fakeOpenAIUrl, {
        turns: [
          [
            { type: "http-error", status: 500, message: "The server had an error", retryAfterMs: 20, times: 3 },
            { type: "text", text: "Back on my feet: here is your answer.", tokenDelayMs: 10 },
          ],
        ],
      });
      await chat.send(`${scenario.marker} Say something`);

      await expect(chat.errorBanner).toBeVisible();
      await expect(chat.errorBanner).toContainText("The model provider answered with HTTP 500 (tried 3 times).");
      await chat.retryButton.click();

      await chat.waitForAnswerToFinish();
      await expect(chat.errorBanner).toBeHidden();
      expect(await chat.lastAnswerText()).toContain("Back on my feet: here is your answer.");
      expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(4);
    });

    test("an account out of credit is asked once, and the banner says it is out of credit", async () => {
      const scenario = await registerScenario(fakeOpenAIUrl, {
        turns: [
          {
            type: "http-error",
            status: 429,
            code: "insufficient_quota",
            errorType: "insufficient_quota",
            message: "You exceeded your current quota, please check your plan and billing details.",
            retryAfterMs: 20,
          },
        ],
      });
      await chat.send(`${scenario.marker} Say something`);

      await expect(chat.errorBanner).toContainText(
        "The model provider account is out of credit: its operator needs to add credit or raise the spending limit.",
      );
      await expect(chat.errorBanner).not.toContainText("rate limiting");
      // Waiting does not add credit: no Retry, nor Regenerate on the failed answer.
      await expect(chat.retryButton).toHaveCount(0);
      await expect(chat.page.getByTestId("regenerate-button")).toHaveCount(0);
      expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(1);
    });
  });
}
