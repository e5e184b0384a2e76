import { expect, test } from "@playwright/test";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { startNextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf, fakeOpenAIUrl } from "./servers";

// Several models configured at once (MODELS): the composer's picker chooses which answers, each
// answer says which model wrote it, and the chat keeps its model. A model taken out of the
// configuration leaves its chats readable and continuable with another. The server is this spec's
// own: it is restarted with another configuration.

const swift = { id: "swift", provider: "openai-compatible", baseURL: `${fakeOpenAIUrl}/v1`, apiKeyVariable: "OPENAI_API_KEY", model: "swift-1", label: "Swift" };
const sage = { id: "sage", provider: "deepseek", baseURL: `${fakeOpenAIUrl}/v1`, model: "sage-1", label: "Sage (reasons)" };

const serverOptions = (models: object[]) => ({
  port: 3301,
  dataDir: dataDirOf("model-picker"),
  env: { ...baseServerEnv, MODELS: JSON.stringify(models), OPENAI_API_KEY: "sk-e2e-swift", DEEPSEEK_API_KEY: "sk-e2e-sage" },
});

test("the picker chooses the model, each answer names its own, and a removed model's chat goes on with another", async ({ page }) => {
  test.setTimeout(120_000);
  let server = await startNextServer(serverOptions([swift, sage]));
  try {
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [
        { type: "text", text: "Swift answers first." },
        { type: "text", text: "Sage answers second." },
        { type: "text", text: "Swift again, since Sage is gone." },
      ],
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await expect(chat.chosenModel).toHaveText("Swift");
    await expect(chat.modelPicker.locator("option")).toHaveText(["Swift", "Sage (reasons)", "Demo model (offline)"]);

    await chat.send(`${scenario.marker} Who are you?`);
    await chat.waitForAnswerToFinish();
    await expect(chat.lastAssistantMessage().getByTestId("answer-model")).toHaveText("Swift");

    await chat.modelPicker.selectOption({ label: "Sage (reasons)" });
    await chat.send("And now?");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toBe("Sage answers second.");
    await expect(chat.lastAssistantMessage().getByTestId("answer-model")).toHaveText("Sage (reasons)");
    await page.screenshot({ path: test.info().outputPath("model-picker.png") });
    const requests = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    expect(requests.map((request) => (request.body as { model: string }).model)).toEqual(["swift-1", "sage-1"]);
    // Each with its own key: OPENAI_API_KEY for Swift, DEEPSEEK_API_KEY for Sage.
    expect(requests.map((request) => request.headers.authorization)).toEqual(["Bearer [redacted]wift", "Bearer [redacted]sage"]);

    // The chat keeps its model; a new chat starts with the default.
    await page.reload();
    await expect(chat.chosenModel).toHaveText("Sage (reasons)");
    await expect(chat.assistantMessages().getByTestId("answer-model")).toHaveText(["Swift", "Sage (reasons)"]);
    const chatUrl = page.url();
    await chat.open(server.url);
    await expect(chat.chosenModel).toHaveText("Swift");

    // Sage leaves the configuration: its answer is still there, and the chat goes on with Swift.
    await server.stop();
    server = await startNextServer({ ...serverOptions([swift]), keepData: true });
    await chat.open(chatUrl);
    await expect(chat.assistantMessages().getByTestId("answer-model")).toHaveText(["Swift", "Sage (reasons)"]);
    await expect(chat.chosenModel).toHaveText("Swift");
    await chat.send("Are you still there?");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toBe("Swift again, since Sage is gone.");
    await expect(chat.lastAssistantMessage().getByTestId("answer-model")).toHaveText("Swift");
  } finally {
    await server.stop();
  }
});
