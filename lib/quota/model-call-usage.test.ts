import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { mockUsage } from "@/test/support/chat-fixtures";
import { ModelCallUsage } from "./model-call-usage";

const noUsage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

const finish = (usage: Extract<LanguageModelV4StreamPart, { type: "finish" }>["usage"]): LanguageModelV4StreamPart => ({
  type: "finish",
  finishReason: { unified: "stop", raw: undefined },
  usage,
});

const observed = (inputTokens: number, parts: LanguageModelV4StreamPart[]) => {
  const usage = new ModelCallUsage(inputTokens);
  for (const part of parts) usage.observe(part);
  return usage.tokens;
};

describe("ModelCallUsage", () => {
  const text: LanguageModelV4StreamPart[] = [
    { type: "reasoning-delta", id: "r", delta: "a".repeat(40) },
    { type: "text-delta", id: "t", delta: "b".repeat(40) },
  ];

  it("counts the usage the server reports", () => {
    expect(observed(500, [...text, finish(mockUsage(42))])).toBe(42);
  });

  it("estimates what the server does not report: the input as sent, the output from the characters produced", () => {
    expect(observed(500, [...text, finish(noUsage)])).toBe(520);
    expect(observed(500, [...text, finish({ ...noUsage, inputTokens: mockUsage(301).inputTokens })])).toBe(320);
    // No finish at all: stopped or failed midway.
    expect(observed(500, text)).toBe(520);
  });

  it("counts a tool call's input once, whether it arrived in deltas or whole", () => {
    const streamed: LanguageModelV4StreamPart[] = [
      { type: "tool-input-start", id: "call-1", toolName: "getWeather" },
      { type: "tool-input-delta", id: "call-1", delta: '{"city":' },
      { type: "tool-input-delta", id: "call-1", delta: '"Paris"}' },
      { type: "tool-input-end", id: "call-1" },
      { type: "tool-call", toolCallId: "call-1", toolName: "getWeather", input: '{"city":"Paris"}' },
    ];
    const whole: LanguageModelV4StreamPart[] = [{ type: "tool-call", toolCallId: "call-2", toolName: "getWeather", input: '{"city":"Paris"}' }];
    // The tool's name and its input: 26 characters.
    expect(observed(0, streamed)).toBe(7);
    expect(observed(0, whole)).toBe(7);
  });
});
