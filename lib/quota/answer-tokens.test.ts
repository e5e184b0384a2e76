import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { estimateJsonTokens } from "@/lib/ai/estimate-tokens";
import { ParleyError } from "@/lib/errors";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { mockUsage } from "@/test/support/chat-fixtures";
import { AnswerTokens } from "./answer-tokens";

const userId = "u";
const now = () => Date.parse("2026-11-21T09:00:00Z");
const todaysTokens = "tokens:2026-11-21";

const call: LanguageModelV4CallOptions = {
  prompt: [
    { role: "system", content: "Be brief." },
    { role: "user", content: [{ type: "text", text: "What is the weather in Paris?" }] },
  ],
  tools: [{ type: "function", name: "getWeather", description: "The weather at a place.", inputSchema: { type: "object", properties: { city: { type: "string" } } } }],
  maxOutputTokens: 500,
};
const callReservation = estimateJsonTokens(call.prompt, call.tools) + 500;

const answering = (text: string, usage = mockUsage(120)): LanguageModelV4StreamPart[] => [
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: text },
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
];

const drain = async (stream: ReadableStream<unknown>) => {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
};

describe("AnswerTokens", () => {
  let stores: Stores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(async () => {
    await stores.close();
  });

  const charged = () => stores.usage.readUsage(userId, todaysTokens, now());
  const admit = async (dailyTokens: number, tokens = 50) => {
    const admitted = await AnswerTokens.admit({ counters: stores.usage, userId, dailyTokens, now }, tokens);
    if (!admitted) throw new Error("not admitted");
    return admitted;
  };

  it("holds a call's reservation while it runs (what it sends plus its maximum output), then charges what it used", async () => {
    const tokens = await admit(10_000);
    let heldWhileRunning = 0;
    const model = new MockLanguageModelV4({
      doStream: async () => {
        heldWhileRunning = await charged();
        return { stream: simulateReadableStream({ chunks: answering("Sunny.") }) };
      },
    });
    const { stream } = await tokens.wrap(model).doStream(call);
    await drain(stream);
    await tokens.settle();

    // The admission's estimate (50) was raised to the call's own.
    expect(heldWhileRunning).toBe(callReservation);
    expect(await charged()).toBe(120);
  });

  it("covers a further call only while the budget is not used up, and refuses it with the budget's error", async () => {
    const tokens = await admit(1_000);
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: simulateReadableStream({ chunks: answering("Long.", mockUsage(1_500)) }) }) });
    const wrapped = tokens.wrap(model);
    await drain((await wrapped.doStream(call)).stream);

    const refused = await Promise.resolve(wrapped.doStream(call)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ParleyError);
    expect(refused).toMatchObject({ code: "rate_limited", message: "You have used today's budget of 1 000 tokens. You can continue in 15 h (at midnight UTC)." });
    expect(model.doStreamCalls).toHaveLength(1);
    await tokens.settle();
    expect(await charged()).toBe(1_500);
  });

  it("charges nothing for a call the provider refused before it streamed", async () => {
    const tokens = await admit(10_000);
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error("HTTP 503");
      },
    });
    await expect(tokens.wrap(model).doStream(call)).rejects.toThrow("HTTP 503");
    await tokens.settle();
    expect(await charged()).toBe(0);
  });

  it("charges a call still running when the answer ends what it produced so far, once", async () => {
    const tokens = await admit(10_000);
    const text = "x".repeat(400);
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        // A first delta, then nothing: the answer is stopped while the model still writes.
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: text });
          },
        }),
      }),
    });
    const reader = (await tokens.wrap(model).doStream(call)).stream.getReader();
    await reader.read();
    await reader.read();
    await tokens.settle();

    const soFar = estimateJsonTokens(call.prompt, call.tools) + text.length / 4;
    expect(await charged()).toBe(soFar);
    await reader.cancel();
    await tokens.settle();
    expect(await charged()).toBe(soFar);
  });

  it("charges a call that failed midway its estimate: the input as sent and the output produced", async () => {
    const tokens = await admit(10_000);
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream<LanguageModelV4StreamPart>({
          chunks: [
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "y".repeat(80) },
            { type: "error", error: new Error("connection reset") },
          ],
        }),
      }),
    });
    await drain((await tokens.wrap(model).doStream(call)).stream);
    await tokens.settle();
    expect(await charged()).toBe(estimateJsonTokens(call.prompt, call.tools) + 20);
  });

  it("gives the admission back when the answer ends without calling the model", async () => {
    const tokens = await admit(10_000, 700);
    expect(await charged()).toBe(700);
    await tokens.settle();
    expect(await charged()).toBe(0);
  });

  it("does not call a model that could write without limit", async () => {
    const tokens = await admit(10_000);
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: simulateReadableStream({ chunks: answering("Hi.") }) }) });
    await expect(tokens.wrap(model).doStream({ ...call, maxOutputTokens: undefined })).rejects.toThrow(/needs maxOutputTokens/);
    expect(model.doStreamCalls).toHaveLength(0);
    await tokens.settle();
    expect(await charged()).toBe(0);
  });
});
