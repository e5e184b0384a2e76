import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { generateText, isStepCount, streamText, tool } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createDemoModel } from ".";

// In-test tools with the real tools' names, schemas and output shapes (tools/*.ts), answering
// fixed values so every assertion below is about the model, not the network.
const weatherInTest: Record<string, { country: string; temperatureC: number; windSpeedKmh: number; conditions: string }> = {
  Paris: { country: "France", temperatureC: 18.34, windSpeedKmh: 11.04, conditions: "partly cloudy" },
  Tokyo: { country: "Japan", temperatureC: 9.1, windSpeedKmh: 4.2, conditions: "light drizzle" },
};

function createTools({ failingCity }: { failingCity?: string } = {}) {
  const executed: string[] = [];
  const tools = {
    getWeather: tool({
      description: "Get the current weather in a city.",
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        executed.push(`getWeather:${city}`);
        if (city === failingCity) throw new Error("The weather service answered with HTTP 500.");
        const weather = weatherInTest[city];
        if (!weather) return { ok: false as const, city, reason: `No place called "${city}" was found.` };
        return { ok: true as const, city, latitude: 0, longitude: 0, weatherCode: 2, observedAt: "2026-11-21T14:00", ...weather };
      },
    }),
    calculate: tool({
      description: "Evaluate an arithmetic expression.",
      inputSchema: z.object({ expression: z.string() }),
      execute: async ({ expression }) => {
        executed.push(`calculate:${expression}`);
        return { ok: true as const, expression, result: expression === "17% of 2340" ? "397.8" : "42" };
      },
    }),
    getCurrentTime: tool({
      description: "Get the current time in an IANA time zone.",
      inputSchema: z.object({ timezone: z.string() }),
      execute: async ({ timezone }) => {
        executed.push(`getCurrentTime:${timezone}`);
        return { ok: true as const, timezone, localTime: "2026-11-21T22:05:00+09:00", formatted: "Saturday 21 November 2026 at 22:05", utcOffset: "+09:00" };
      },
    }),
  };
  return { tools, executed };
}

const combinedQuestion = "What's the weather in Paris and Tokyo, and what is 17% of 2340?";

function callOptions(text: string, overrides: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  return {
    prompt: [{ role: "user", content: [{ type: "text", text }] }],
    tools: ["getWeather", "calculate", "getCurrentTime"].map((name) => ({
      type: "function" as const,
      name,
      inputSchema: { type: "object" },
    })),
    ...overrides,
  };
}

async function readAll(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return parts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("demo model through streamText", () => {
  it("calls three tools in one step for the combined question, then answers from their results", async () => {
    const { tools, executed } = createTools();
    const result = streamText({ model: createDemoModel({ tokenDelayMs: 0 }), tools, prompt: combinedQuestion, stopWhen: isStepCount(5) });

    const text = await result.text;
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]?.toolCalls.map(({ toolName, input }) => ({ toolName, input }))).toEqual([
      { toolName: "getWeather", input: { city: "Paris" } },
      { toolName: "getWeather", input: { city: "Tokyo" } },
      { toolName: "calculate", input: { expression: "17% of 2340" } },
    ]);
    expect(new Set(steps[0]?.toolCalls.map(({ toolCallId }) => toolCallId)).size).toBe(3);
    expect(steps[0]?.text).toBe("");
    expect(steps[0]?.finishReason).toBe("tool-calls");
    expect(executed).toEqual(["getWeather:Paris", "getWeather:Tokyo", "calculate:17% of 2340"]);

    expect(await result.finishReason).toBe("stop");
    expect(text).toContain("- **Paris, France**: 18.3 °C, partly cloudy, wind 11 km/h");
    expect(text).toContain("- **Tokyo, Japan**: 9.1 °C, light drizzle, wind 4.2 km/h");
    expect(text).toContain("- **17% of 2340** = 397.8");
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(10);
  });

  it("still answers, naming the failure, when a tool throws", async () => {
    const { tools } = createTools({ failingCity: "Tokyo" });
    const result = streamText({ model: createDemoModel({ tokenDelayMs: 0 }), tools, prompt: combinedQuestion, stopWhen: isStepCount(5) });

    const text = await result.text;
    expect(await result.finishReason).toBe("stop");
    expect(text).toContain("- **Tokyo**: I couldn't get the weather — The weather service answered with HTTP 500.");
    expect(text).toContain("- **Paris, France**: 18.3 °C");
    expect(text).toContain("397.8");
    expect(text).toContain("One lookup failed");
  });

  it("answers without tools for a question no tool matches", async () => {
    const { tools, executed } = createTools();
    const result = streamText({ model: createDemoModel({ tokenDelayMs: 0 }), tools, prompt: "Why is the sky blue?", stopWhen: isStepCount(5) });
    expect(await result.text).toContain("I can't answer “Why is the sky blue?” myself");
    expect((await result.steps).length).toBe(1);
    expect(executed).toEqual([]);
  });

  it("streams text as many deltas, paced by tokenDelayMs, that add up to the answer", async () => {
    const tokenDelayMs = 3;
    const { tools } = createTools();
    const startedAt = performance.now();
    const result = streamText({ model: createDemoModel({ tokenDelayMs }), tools, prompt: "Why is the sky blue?" });

    const deltas: string[] = [];
    let firstDeltaAt: number | undefined;
    for await (const part of result.stream) {
      if (part.type !== "text-delta") continue;
      firstDeltaAt ??= performance.now();
      deltas.push(part.text);
    }
    const elapsed = performance.now() - startedAt;

    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join("")).toBe(await result.text);
    expect((firstDeltaAt ?? 0) - startedAt).toBeGreaterThanOrEqual(4 * tokenDelayMs - 1);
    expect(elapsed).toBeGreaterThanOrEqual((deltas.length - 1) * tokenDelayMs * 0.9);
  });

  it("stops promptly when aborted mid-answer", async () => {
    const controller = new AbortController();
    const { tools } = createTools();
    const onAbort = vi.fn();
    const result = streamText({
      model: createDemoModel({ tokenDelayMs: 20 }),
      tools,
      prompt: "Why is the sky blue?",
      abortSignal: controller.signal,
      onAbort,
    });

    const types: string[] = [];
    let abortedAt = 0;
    for await (const part of result.stream) {
      types.push(part.type);
      if (part.type === "text-delta" && types.filter((type) => type === "text-delta").length === 3) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    const stoppedAfter = performance.now() - abortedAt;

    expect(types.filter((type) => type === "text-delta")).toHaveLength(3);
    expect(types.at(-1)).toBe("abort");
    expect(types).not.toContain("finish");
    expect(stoppedAfter).toBeLessThan(100);
    expect(onAbort).toHaveBeenCalledOnce();
  });
});

describe("demo model: stream parts", () => {
  it("streams a tool-call step as start, metadata, each call's input in pieces, and a tool-calls finish", async () => {
    const model = createDemoModel({ tokenDelayMs: 0 });
    const { stream } = await model.doStream(callOptions("What's the weather in Paris and Tokyo?"));
    const parts = await readAll(stream);

    expect(parts.map((part) => part.type)).toEqual([
      "stream-start",
      "response-metadata",
      ...["tool-input-start", "tool-input-delta", "tool-input-delta", "tool-input-delta", "tool-input-end", "tool-call"],
      ...["tool-input-start", "tool-input-delta", "tool-input-delta", "tool-input-delta", "tool-input-end", "tool-call"],
      "finish",
    ]);
    const calls = parts.filter((part) => part.type === "tool-call");
    expect(calls.map(({ toolName, input }) => ({ toolName, input: JSON.parse(input) as unknown }))).toEqual([
      { toolName: "getWeather", input: { city: "Paris" } },
      { toolName: "getWeather", input: { city: "Tokyo" } },
    ]);
    for (const call of calls) {
      const deltas = parts.filter((part) => part.type === "tool-input-delta" && part.id === call.toolCallId);
      expect(deltas.map((part) => (part.type === "tool-input-delta" ? part.delta : "")).join("")).toBe(call.input);
    }
    expect(calls[0]?.toolCallId).not.toBe(calls[1]?.toolCallId);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { outputTokens: { total: expect.any(Number) as number } },
    });
    expect(parts.some((part) => part.type.startsWith("text"))).toBe(false);
  });

  it("streams text with one id and a stop finish that counts its tokens", async () => {
    const { stream } = await createDemoModel({ tokenDelayMs: 0 }).doStream(callOptions("hello"));
    const parts = await readAll(stream);
    const deltas = parts.filter((part) => part.type === "text-delta");
    expect(new Set(parts.flatMap((part) => (part.type.startsWith("text-") && "id" in part ? [part.id] : []))).size).toBe(1);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: { outputTokens: { total: deltas.length } },
    });
  });

  it("uses no timers at all when tokenDelayMs is 0", async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const model = createDemoModel({ tokenDelayMs: 0 });
    await readAll((await model.doStream(callOptions(combinedQuestion))).stream);
    await readAll((await model.doStream(callOptions("hello"))).stream);
    await model.doGenerate(callOptions("hello"));
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(setIntervalSpy).not.toHaveBeenCalled();
  });

  it("calls no tool when none is offered or toolChoice is none, and only the chosen one", async () => {
    const model = createDemoModel({ tokenDelayMs: 0 });
    const typesOf = async (options: LanguageModelV4CallOptions) => (await readAll((await model.doStream(options)).stream)).map((part) => part.type);
    expect(await typesOf(callOptions(combinedQuestion, { tools: [] }))).not.toContain("tool-call");
    expect(await typesOf(callOptions(combinedQuestion, { toolChoice: { type: "none" } }))).not.toContain("tool-call");

    const parts = await readAll((await model.doStream(callOptions(combinedQuestion, { toolChoice: { type: "tool", toolName: "calculate" } }))).stream);
    expect(parts.flatMap((part) => (part.type === "tool-call" ? [part.toolName] : []))).toEqual(["calculate"]);
  });

  it("stops at maxOutputTokens with a length finish", async () => {
    const { stream } = await createDemoModel({ tokenDelayMs: 0 }).doStream(callOptions("Why is the sky blue?", { maxOutputTokens: 5 }));
    const parts = await readAll(stream);
    expect(parts.filter((part) => part.type === "text-delta")).toHaveLength(5);
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: "length" } });
  });

  it("errors its stream with the abort reason mid-answer, as a provider's aborted fetch does", async () => {
    const controller = new AbortController();
    const { stream } = await createDemoModel({ tokenDelayMs: 5 }).doStream(callOptions("Why is the sky blue?", { abortSignal: controller.signal }));
    const reader = stream.getReader();
    const received: LanguageModelV4StreamPart[] = [];
    while (received.filter((part) => part.type === "text-delta").length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended before the abort");
      received.push(value);
    }
    const reason = new DOMException("Stopped", "AbortError");
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it("rejects with the abort reason when called with an aborted signal", async () => {
    const controller = new AbortController();
    const reason = new DOMException("Stopped", "AbortError");
    controller.abort(reason);
    const model = createDemoModel({ tokenDelayMs: 10 });
    await expect(model.doStream(callOptions("hello", { abortSignal: controller.signal }))).rejects.toBe(reason);
    await expect(model.doGenerate(callOptions("hello", { abortSignal: controller.signal }))).rejects.toBe(reason);
  });
});

describe("demo model: doGenerate", () => {
  it("answers the combined question through generateText with the same logic", async () => {
    const { tools, executed } = createTools();
    const result = await generateText({ model: createDemoModel({ tokenDelayMs: 0 }), tools, prompt: combinedQuestion, stopWhen: isStepCount(5) });
    expect(result.steps[0]?.toolCalls).toHaveLength(3);
    expect(executed).toEqual(["getWeather:Paris", "getWeather:Tokyo", "calculate:17% of 2340"]);
    expect(result.text).toContain("Paris");
    expect(result.text).toContain("Tokyo");
    expect(result.text).toContain("397.8");
    expect(result.finishReason).toBe("stop");
  });

  it("stops waiting when aborted during its thinking pause", async () => {
    const controller = new AbortController();
    const pending = createDemoModel({ tokenDelayMs: 1_000 }).doGenerate(callOptions("hello", { abortSignal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
