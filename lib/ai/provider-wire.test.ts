import { isToolUIPart } from "ai";
import { describe, expect, it } from "vitest";
import { runChatTurn } from "@/lib/chat/run-chat-turn";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toolDefinitions } from "@/tools";
import { withFakeModelAndStores } from "@/test/support/fake-model-and-stores";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { chatTestEnv as env, textOf, userRequest } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { modelServedBy } from "@/test/support/model-served-by-fake";
import type { ChatModel } from "./chat-model";
import type { ModelEntry } from "./model-config";

// Whole turns through the real provider packages over HTTP, against the fake server speaking each
// provider's variant of the wire format: what is shown, stored, and sent back on the next turn.

const harness = withFakeModelAndStores();

const userId = "user-1";

const modelOf = (entry: Pick<ModelEntry, "provider"> & Partial<ModelEntry>): ChatModel => modelServedBy(harness.fake, entry);

/**
 * Runs the scenario's turns as a conversation of `questions`, each asked of `models` (one for all, or
 * one per question); returns the stored chat and what the server got.
 */
async function converse(
  models: ChatModel | ChatModel[],
  turns: ScenarioInput["turns"],
  questions: string[],
  server: Omit<ScenarioInput, "turns"> = {},
) {
  const scenario = harness.fake.addScenario({ ...server, turns });
  const streamed: (ChatMessage | undefined)[] = [];
  for (const [index, question] of questions.entries()) {
    const request = userRequest(`${scenario.marker} ${question}`, { messageId: `u${index + 1}` });
    const chatModel = Array.isArray(models) ? (models[index] as ChatModel) : models;
    const turn = await runChatTurn({ stores: harness.stores, userId, request, chatModel, env, tools: toolDefinitions });
    streamed.push((await readChatStream(turn.response)).message as ChatMessage | undefined);
    await turn.done;
  }
  const chat = await harness.stores.chats.getChat(userId, "chat-1");
  const answers = (chat?.messages ?? []).filter((message) => message.role === "assistant");
  return { answers, streamed, requests: scenario.requests().map((request) => request.body as Record<string, unknown>) };
}

const reasoningOf = (message: ChatMessage | undefined) =>
  (message?.parts ?? []).flatMap((part) => (part.type === "reasoning" ? [part.text] : [])).join("");

const thinking = "The user greets me. I should greet back.";

describe("Chat Completions servers (@ai-sdk/openai-compatible)", () => {
  it.each([
    ["DeepSeek, vLLM, llama.cpp", "reasoning_content"],
    ["Groq, Ollama, OpenRouter", "reasoning"],
  ] as const)("%s: reasoning in `%s` is shown live, stored, and the answer follows it", async (_servers, reasoningField) => {
    const { answers, streamed } = await converse(
      modelOf({ provider: "openai-compatible" }),
      [{ type: "text", reasoning: thinking, text: "Hello to you too!", wire: { reasoningField } }],
      ["Hello!"],
    );
    expect(reasoningOf(streamed[0])).toBe(thinking);
    expect(reasoningOf(answers[0])).toBe(thinking);
    expect(textOf(answers[0])).toBe("Hello to you too!");
    expect(answers[0]?.parts.findIndex((part) => part.type === "reasoning")).toBeLessThan(answers[0]?.parts.findIndex((part) => part.type === "text") ?? -1);
  });

  it("DeepSeek: the reasoning of a tool step goes back as `reasoning_content` with its tool call", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "deepseek" }),
      [
        { type: "tool-calls", reasoning: "I need the time in Tokyo.", calls: [{ name: "getCurrentTime", arguments: { timezone: "Asia/Tokyo" } }] },
        { type: "text", text: "It is late in Tokyo." },
      ],
      ["What time is it in Tokyo?"],
    );
    expect(textOf(answers[0])).toBe("It is late in Tokyo.");
    const assistant = (requests[1]?.messages as Record<string, unknown>[]).find((message) => message.role === "assistant");
    expect(assistant).toMatchObject({ reasoning_content: "I need the time in Tokyo.", tool_calls: [{ function: { name: "getCurrentTime" } }] });
  });

  it("Groq: a reasoning model's tool step goes on, and so does the next question, with a server that refuses `reasoning_content`", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "groq" }),
      [
        { type: "tool-calls", reasoning: "I need the time in Tokyo.", calls: [{ name: "getCurrentTime", arguments: { timezone: "Asia/Tokyo" } }], wire: { reasoningField: "reasoning" } },
        { type: "text", reasoning: "Now I can answer.", text: "It is late in Tokyo.", wire: { reasoningField: "reasoning" } },
        { type: "text", text: "Still late." },
      ],
      ["What time is it in Tokyo?", "And now?"],
      { refusedAssistantFields: ["reasoning_content"] },
    );
    expect(answers.map(textOf)).toEqual(["It is late in Tokyo.", "Still late."]);
    expect(reasoningOf(answers[0])).toBe("I need the time in Tokyo.Now I can answer.");
    expect(requests).toHaveLength(3);
  });

  it("earlier answers' reasoning is not sent on later turns (DeepSeek refuses it there)", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "deepseek" }),
      [
        { type: "text", reasoning: thinking, text: "Hello to you too!" },
        { type: "text", text: "You said hello." },
      ],
      ["Hello!", "What did I say?"],
      { refusedAssistantFields: ["reasoning_content"] },
    );
    expect(reasoningOf(answers[0])).toBe(thinking);
    expect(textOf(answers[1])).toBe("You said hello.");
    expect(JSON.stringify(requests[1])).toContain("Hello to you too!");
  });

  it("Mistral: tool calls without `index`, usage in the last chunk, and no `stream_options` asked", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "mistral" }),
      [
        {
          type: "tool-calls",
          calls: [
            { name: "getCurrentTime", arguments: { timezone: "Europe/Paris" } },
            { name: "getCurrentTime", arguments: { timezone: "Asia/Tokyo" } },
          ],
          wire: { toolCallIndex: false, usage: "in-finish-chunk" },
        },
        { type: "text", text: "Paris and Tokyo are eight hours apart.", wire: { usage: "in-finish-chunk" } },
      ],
      ["Time in Paris and Tokyo?"],
    );
    const calls = answers[0]?.parts.filter(isToolUIPart) ?? [];
    expect(calls.map((call) => call.state)).toEqual(["output-available", "output-available"]);
    expect(textOf(answers[0])).toBe("Paris and Tokyo are eight hours apart.");
    expect(answers[0]?.metadata?.totalTokens).toBeGreaterThan(0);
    expect(requests.every((request) => request.stream_options === undefined)).toBe(true);
  });

  it("Ollama: a stream without usage, after Azure's chunk with empty choices, still finishes", async () => {
    const { answers } = await converse(
      modelOf({ provider: "ollama" }),
      [{ type: "text", text: "No usage here.", wire: { usage: "never", promptFilterChunk: true } }],
      ["Hi"],
    );
    expect(textOf(answers[0])).toBe("No usage here.");
    expect(answers[0]?.metadata?.status).toBeUndefined();
    expect(answers[0]?.metadata?.finishReason).toBe("stop");
  });

  it("Ollama: an answer that is all reasoning and stops at `length` keeps its reasoning, with no empty text", async () => {
    const { answers } = await converse(
      modelOf({ provider: "ollama" }),
      [{ type: "text", reasoning: "Let me think about this for a very long time", text: "", finishReason: "length", wire: { reasoningField: "reasoning", usage: "never" } }],
      ["Think hard."],
    );
    expect(reasoningOf(answers[0])).toBe("Let me think about this for a very long time");
    expect(answers[0]?.parts.some((part) => part.type === "text")).toBe(false);
    expect(answers[0]?.metadata?.finishReason).toBe("length");
  });
});

describe("Responses API servers (@ai-sdk/openai, sent whole)", () => {
  it("sends the earlier answer back in full, reasoning as encrypted content, to a server that keeps no items", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "openai", model: "gpt-5.4-mini", reasoningSummary: "auto" }),
      [
        { type: "text", reasoning: thinking, text: "Hello to you too!" },
        { type: "text", text: "You said hello." },
      ],
      ["Hello!", "What did I say?"],
    );
    expect(reasoningOf(answers[0])).toBe(thinking);
    expect(textOf(answers[1])).toBe("You said hello.");
    const [first, second] = requests;
    expect(first).toMatchObject({ store: false, include: ["reasoning.encrypted_content"], reasoning: { summary: "auto" } });
    const input = second?.input as Record<string, unknown>[];
    expect(input.some((item) => item.type === "item_reference")).toBe(false);
    expect(input).toContainEqual(expect.objectContaining({ type: "reasoning", encrypted_content: expect.stringMatching(/^gAAAAA/) }));
    expect(input.filter((item) => item.role === "assistant").map((item) => JSON.stringify(item.content))).toEqual([JSON.stringify("Hello to you too!")]);
  });

  it("another model is not sent the first one's encrypted reasoning; the same model is", async () => {
    const first = modelOf({ id: "first", provider: "openai", model: "gpt-5.4-mini", reasoningSummary: "auto" });
    const second = modelOf({ id: "second", provider: "openai", model: "gpt-5.4" });
    const { requests } = await converse(
      [first, second, first],
      [
        { type: "text", reasoning: thinking, text: "Hello to you too!" },
        { type: "text", text: "You said hello." },
        { type: "text", text: "Still hello." },
      ],
      ["Hello!", "What did I say?", "Once more?"],
    );
    const reasoningItems = (request: Record<string, unknown> | undefined) =>
      (request?.input as Record<string, unknown>[]).filter((item) => item.type === "reasoning").length;
    expect(requests.map(reasoningItems)).toEqual([0, 0, 1]);
  });

  it("an OpenAI-compatible server's Responses API (LM Studio, vLLM, Ollama) gets the history whole too", async () => {
    const { answers, requests } = await converse(
      modelOf({ provider: "lmstudio", api: "responses" }),
      [
        { type: "tool-calls", calls: [{ name: "getCurrentTime", arguments: { timezone: "UTC" } }] },
        { type: "text", text: "It is noon." },
        { type: "text", text: "Still noon." },
      ],
      ["Time?", "And now?"],
    );
    expect(textOf(answers[1])).toBe("Still noon.");
    expect(requests.map((request) => (request.input as Record<string, unknown>[]).some((item) => item.type === "item_reference"))).toEqual([false, false, false]);
  });
});
