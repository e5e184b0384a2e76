import { describe, expect, it } from "vitest";
import { createChatModel, type ChatModel } from "@/lib/ai/chat-model";
import { resolveModelEntry, type ModelEntry } from "@/lib/ai/model-config";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toolDefinitions } from "@/tools";
import { reportedUsage } from "@/test/fixtures/fake-openai/reported-usage";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { chatTestEnv as env, userRequest } from "@/test/support/chat-fixtures";
import { withFakeModelAndStores } from "@/test/support/fake-model-and-stores";
import { readChatStream, untilTextArrives } from "@/test/support/read-chat-stream";
import { runChatTurn } from "./run-chat-turn";

// Whole turns through the real provider package over HTTP, against the fake server, which reports
// its own estimate of each call as the usage: what the answer stores and streams as its usage.

const harness = withFakeModelAndStores();

const userId = "user-1";
const price = { input: 2, output: 8 };

function modelOf(entry: Partial<ModelEntry> = {}): ChatModel {
  const config = resolveModelEntry({ id: "priced", provider: "openai-compatible", baseURL: harness.fake.baseURL, apiKeyVariable: "TEST_KEY", ...entry }, { TEST_KEY: "sk-test" });
  if ("problem" in config) throw new Error(config.problem);
  return createChatModel(config, { DEMO_MODEL_TOKEN_DELAY_MS: 0 });
}

/** Answers one question by the scenario's turns; the answer as streamed and as stored, and the usage the fake reported per request. */
async function answer(chatModel: ChatModel, turns: ScenarioInput["turns"], { stopAtText = false } = {}) {
  const { fake, stores } = harness;
  const scenario = fake.addScenario({ turns });
  const turn = await runChatTurn({ stores, userId, request: userRequest(`${scenario.marker} What time is it in Tokyo?`), chatModel, env, tools: toolDefinitions });
  const [forReading, forWatching] = (turn.response.body as ReadableStream<Uint8Array>).tee();
  const reading = readChatStream(new Response(forReading));
  await untilTextArrives(forWatching);
  if (stopAtText) await stores.streams.requestStop(userId, "chat-1");
  const streamed = (await reading).message as ChatMessage | undefined;
  await turn.done;
  const stored = (await stores.chats.getChat(userId, "chat-1"))?.messages[1];
  return { streamed, stored, reported: reportedUsage(turns, scenario.requests()) };
}

type Turn = ScenarioInput["turns"][number];

const toolCall: Turn = { type: "tool-calls", calls: [{ name: "getCurrentTime", arguments: { timezone: "Asia/Tokyo" } }] };

describe("an answer's usage", () => {
  it("sums what each model call reported and prices it at the model's price: streamed and stored alike", async () => {
    const { streamed, stored, reported } = await answer(modelOf({ price }), [toolCall, { type: "text", text: "It is late in Tokyo." }]);
    const [first, second] = reported;
    if (!first || !second) throw new Error("two model calls expected");
    const inputTokens = first.inputTokens + second.inputTokens;
    const outputTokens = first.outputTokens + second.outputTokens;
    // The fake reports its cache and reasoning counts, as zero.
    const usage = { calls: 2, reportedCalls: 2, inputTokens, outputTokens, cachedInputTokens: 0, reasoningTokens: 0, cost: (inputTokens * 2 + outputTokens * 8) / 1e6 };
    expect(stored?.metadata?.usage).toEqual(usage);
    expect(streamed?.metadata?.usage).toEqual(usage);
    expect(stored?.metadata?.totalTokens).toBe(inputTokens + outputTokens);
  });

  it("has no cost when the model has no price", async () => {
    const { stored } = await answer(modelOf(), [{ type: "text", text: "No price here." }]);
    expect(stored?.metadata?.usage).toMatchObject({ calls: 1, reportedCalls: 1 });
    expect(stored?.metadata?.usage).not.toHaveProperty("cost");
  });

  it("counts the calls of a server that reports no usage (Ollama) without inventing tokens or cost", async () => {
    const { stored } = await answer(modelOf({ provider: "ollama", price }), [{ type: "text", text: "No usage here.", wire: { usage: "never" } }]);
    expect(stored?.metadata?.usage).toEqual({ calls: 1, reportedCalls: 0 });
  });

  it("keeps what the calls before a failure reported, and counts the failed call as not reported", async () => {
    const { stored, reported } = await answer(modelOf({ price }), [toolCall, { type: "stream-error", text: "It is" }]);
    expect(stored?.metadata?.status).toBe("failed");
    const [first] = reported;
    expect(stored?.metadata?.usage).toMatchObject({ calls: 2, reportedCalls: 1, inputTokens: first?.inputTokens, outputTokens: first?.outputTokens });
  });

  it("keeps what the calls before Stop reported, and counts the stopped call as not reported", async () => {
    const slowText: Turn = { type: "text", text: "It is late in Tokyo, ".repeat(50), tokenDelayMs: 20 };
    const { stored, reported } = await answer(modelOf({ price }), [toolCall, slowText], { stopAtText: true });
    expect(stored?.metadata?.status).toBe("stopped");
    const [first] = reported;
    const usage = { calls: 2, reportedCalls: 1, inputTokens: first?.inputTokens, outputTokens: first?.outputTokens };
    expect(stored?.metadata?.usage).toMatchObject({ ...usage, cost: ((first?.inputTokens ?? 0) * 2 + (first?.outputTokens ?? 0) * 8) / 1e6 });
  });
});
