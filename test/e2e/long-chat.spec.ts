import { expect, test } from "@playwright/test";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { requestedTokens } from "@/test/fixtures/fake-openai/context-window";
import { startNextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf, fakeOpenAIUrl } from "./servers";

// A chat that outgrows its model's context window keeps answering: the oldest messages are left out
// of what is sent, the answer says so, and the model server (which refuses what does not fit, as
// OpenAI and vLLM do) gets a request within its window.

const contextWindow = 2_048;
const small = { id: "small", provider: "openai-compatible", baseURL: `${fakeOpenAIUrl}/v1`, apiKeyVariable: "OPENAI_API_KEY", label: "Small window", contextWindow };

/** About 400 tokens of a message. */
const longMessage = (index: number) => `Message ${index}: ${Array.from({ length: 200 }, (_, word) => `word${(word + index) % 97}`).join(" ")}`;

test("a chat longer than the model's window keeps answering, and the answer says what was left out", async ({ page }) => {
  test.setTimeout(120_000);
  const server = await startNextServer({
    port: 3303,
    dataDir: dataDirOf("long-chat"),
    env: { ...baseServerEnv, MODELS: JSON.stringify([small]), OPENAI_API_KEY: "sk-e2e-small" },
  });
  try {
    const turns = 6;
    const scenario = await registerScenario(fakeOpenAIUrl, {
      contextWindow,
      turns: Array.from({ length: turns }, () => ({ type: "text" as const, text: "Noted." })),
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    for (let index = 0; index < turns; index += 1) {
      // The marker in each message: the oldest, which carried it first, are left out later.
      await chat.send(`${scenario.marker} ${longMessage(index)}`);
      await chat.waitForAnswerToFinish();
      expect(await chat.lastAnswerText()).toBe("Noted.");
    }

    // The first answers had room for everything; the last did not.
    await expect(chat.assistantMessages().first().getByTestId("context-note")).toHaveCount(0);
    await expect(chat.lastAssistantMessage().getByTestId("context-note")).toContainText(/The chat's \d+ earliest messages were not sent/);
    const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    for (const request of requests) {
      const requested = requestedTokens(request.body);
      expect(requested.prompt + requested.completion).toBeLessThanOrEqual(contextWindow);
    }
    expect(JSON.stringify(requests.at(-1)?.body)).not.toContain("Message 0:");
    expect(JSON.stringify(requests.at(-1)?.body)).toContain(`Message ${turns - 1}:`);

    await page.reload();
    await expect(chat.lastAssistantMessage().getByTestId("context-note")).toContainText(/earliest messages were not sent/);
  } finally {
    await server.stop();
  }
});
