import { expect, test } from "@playwright/test";
import type { ChatJson } from "@/lib/chat/chat-json";
import { formatCost, formatTokens } from "@/components/chat/format-usage";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import type { Usage } from "@/test/fixtures/fake-openai/reply-plan";
import { reportedUsage } from "@/test/fixtures/fake-openai/reported-usage";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { startNextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { baseServerEnv, dataDirOf, fakeOpenAIUrl } from "./servers";

// Each answer shows the tokens its model calls reported and what they cost at the model's price;
// the chat shows their sum; both are stored, so a reload shows the same, and the API returns the
// sum. The server is this spec's own: its one model has a price.

const priced = { id: "priced", provider: "openai-compatible", baseURL: `${fakeOpenAIUrl}/v1`, apiKeyVariable: "OPENAI_API_KEY", price: { input: 2, output: 8 } };

const serverOptions = {
  port: 3302,
  dataDir: dataDirOf("usage"),
  env: { ...baseServerEnv, MODELS: JSON.stringify([priced]), OPENAI_API_KEY: "sk-e2e-usage" },
};

const turns: ScenarioInput["turns"] = [
  { type: "text", text: "The first answer." },
  { type: "text", text: "The second answer, a little longer than the first." },
  // Like Ollama's streams: no usage at all.
  { type: "text", text: "An answer without usage.", wire: { usage: "never" } },
];

/** What a usage note shows for these tokens at the model's price, and its split (for the tooltip and screen readers). */
function shown({ inputTokens, outputTokens }: Usage, prefix = "") {
  const cost = formatCost((inputTokens * priced.price.input + outputTokens * priced.price.output) / 1_000_000);
  const text = `${prefix}${formatTokens(inputTokens + outputTokens)} · ${cost}`;
  const details = `${formatTokens(inputTokens)} in, ${formatTokens(outputTokens)} out`;
  return { text, details, all: `${text} (${details})` };
}

const sum = (usages: Usage[]): Usage => ({
  inputTokens: usages.reduce((total, usage) => total + usage.inputTokens, 0),
  outputTokens: usages.reduce((total, usage) => total + usage.outputTokens, 0),
});

test("usage on an answer and the chat's total: the tokens the model reported and their cost, also after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const server = await startNextServer(serverOptions);
  try {
    const scenario = await registerScenario(fakeOpenAIUrl, { turns });
    const chat = new ChatPage(page);
    await chat.open(server.url);

    await chat.send(`${scenario.marker} Hello?`);
    await chat.waitForAnswerToFinish();
    const [first] = reportedUsage(turns, await fetchRecordedRequests(fakeOpenAIUrl, scenario.key));
    if (!first) throw new Error("the model was not called");
    await expect(chat.answerUsages()).toHaveText([shown(first).all]);
    await expect(chat.answerUsages()).toHaveAttribute("title", shown(first).details);

    await chat.send("And again?");
    await chat.waitForAnswerToFinish();
    const [, second] = reportedUsage(turns, await fetchRecordedRequests(fakeOpenAIUrl, scenario.key));
    if (!second) throw new Error("the model was not called again");
    const bothAnswers = [shown(first).all, shown(second).all];
    const chatTotal = `This chat: ${shown(sum([first, second])).all}`;
    await expect(chat.answerUsages()).toHaveText(bothAnswers);
    await expect(chat.chatUsage).toHaveText(chatTotal);

    // The API returns the same sum, from the stored answers.
    const chatId = await chat.chatId();
    const stored = (await (await page.request.get(`${server.url}/api/chats/${chatId}`)).json()) as ChatJson;
    const { inputTokens, outputTokens } = sum([first, second]);
    expect(stored.usage).toMatchObject({ answers: 2, calls: 2, reportedCalls: 2, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens });
    expect(stored.usage.cost).toBeCloseTo((inputTokens * 2 + outputTokens * 8) / 1_000_000, 9);

    await page.reload();
    await expect(chat.answerUsages()).toHaveText(bothAnswers);
    await expect(chat.chatUsage).toHaveText(chatTotal);

    // A server that reports no usage: said so, and the chat's total is a floor.
    await chat.send("And once more?");
    await chat.waitForAnswerToFinish();
    await expect(chat.answerUsages().last()).toContainText("usage not reported");
    await expect(chat.chatUsage).toContainText(`This chat: ${shown(sum([first, second]), "at least ").text}`);
  } finally {
    await server.stop();
  }
});
