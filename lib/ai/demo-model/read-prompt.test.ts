import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { readPrompt } from "./read-prompt";

const user = (text: string): LanguageModelV4Prompt[number] => ({ role: "user", content: [{ type: "text", text }] });

describe("readPrompt", () => {
  it("plans from the last user message", () => {
    const prompt: LanguageModelV4Prompt = [
      { role: "system", content: "You are Parley." },
      user("hello"),
      { role: "assistant", content: [{ type: "text", text: "Hi!" }] },
      user("What time is it in Tokyo?"),
    ];
    expect(readPrompt(prompt)).toEqual({ kind: "plan", question: "What time is it in Tokyo?" });
  });

  it("answers from this turn's results, in the order of the calls, each with its input", () => {
    const prompt: LanguageModelV4Prompt = [
      user("weather in Rome"),
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "old", toolName: "getWeather", input: { city: "Rome" } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "old", toolName: "getWeather", output: { type: "text", value: "old" } }] },
      { role: "assistant", content: [{ type: "text", text: "Rome is sunny." }] },
      user("weather in Paris and Tokyo"),
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "a", toolName: "getWeather", input: { city: "Paris" } },
          { type: "tool-call", toolCallId: "b", toolName: "getWeather", input: { city: "Tokyo" } },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "b", toolName: "getWeather", output: { type: "error-text", value: "down" } },
          { type: "tool-result", toolCallId: "a", toolName: "getWeather", output: { type: "json", value: { ok: true } } },
        ],
      },
    ];
    expect(readPrompt(prompt)).toEqual({
      kind: "answer",
      question: "weather in Paris and Tokyo",
      outcomes: [
        { toolName: "getWeather", input: { city: "Paris" }, output: { type: "json", value: { ok: true } } },
        { toolName: "getWeather", input: { city: "Tokyo" }, output: { type: "error-text", value: "down" } },
      ],
    });
  });

  it("keeps a call without a result, so the answer can say so", () => {
    const prompt: LanguageModelV4Prompt = [
      user("what is 2+2"),
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "a", toolName: "calculate", input: { expression: "2+2" } }] },
      { role: "tool", content: [] },
    ];
    expect(readPrompt(prompt)).toEqual({
      kind: "answer",
      question: "what is 2+2",
      outcomes: [{ toolName: "calculate", input: { expression: "2+2" }, output: undefined }],
    });
  });

  it("plans with an empty question when there is no user message", () => {
    expect(readPrompt([{ role: "system", content: "You are Parley." }])).toEqual({ kind: "plan", question: "" });
  });
});
