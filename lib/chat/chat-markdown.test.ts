import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatToMarkdown } from "./chat-markdown";

const question: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "What's the weather in Paris, and 2^10?" }] };

const answer: ChatMessage = {
  id: "a1",
  role: "assistant",
  metadata: { model: "Demo model (offline)" },
  parts: [
    { type: "step-start" },
    { type: "reasoning", text: "The user wants two things; call both tools.", state: "done" },
    { type: "tool-getWeather", toolCallId: "c1", state: "output-available", input: { city: "Paris" }, output: { ok: true, temperature: 18 } },
    { type: "tool-calculate", toolCallId: "c2", state: "output-error", input: { expression: "2^10" }, errorText: "The tool failed\nunexpectedly." },
    { type: "data-toolRun", id: "c1", data: { toolName: "getWeather", status: "done", startedAt: 1, durationMs: 5, cached: false, truncated: false } },
    { type: "step-start" },
    { type: "text", text: "## Paris\n\nIt is **18 °C**.\n\n```ts\nconst x = 2 ** 10;\n```\n", state: "done" },
  ],
};

describe("chatToMarkdown", () => {
  it("writes the title as the heading and each message under its author, answers as written", () => {
    expect(chatToMarkdown({ title: "Weather in Paris", messages: [question, answer] })).toBe(
      [
        "# Weather in Paris",
        "",
        "## You",
        "",
        "What's the weather in Paris, and 2^10?",
        "",
        "## Parley · Demo model (offline)",
        "",
        '- Tool `getWeather` `{"city":"Paris"}`: done',
        '- Tool `calculate` `{"expression":"2^10"}`: failed (The tool failed unexpectedly.)',
        "",
        "## Paris",
        "",
        "It is **18 °C**.",
        "",
        "```ts",
        "const x = 2 ** 10;",
        "```",
        "",
      ].join("\n"),
    );
  });

  it("leaves the model's reasoning and the tool runs' data out", () => {
    const markdown = chatToMarkdown({ title: "t", messages: [answer] });
    expect(markdown).not.toContain("call both tools");
    expect(markdown).not.toContain("startedAt");
  });

  it("escapes the title's markdown marks, so it reads as the user wrote it", () => {
    expect(chatToMarkdown({ title: "**Hello** `x` _y_ #1 [a](b)", messages: [] })).toBe("# \\*\\*Hello\\*\\* \\`x\\` \\_y\\_ \\#1 \\[a\\](b)\n");
  });

  it("says when an answer was stopped or failed, and when a tool call never finished", () => {
    const stopped: ChatMessage = {
      id: "a2",
      role: "assistant",
      metadata: { status: "stopped" },
      parts: [
        { type: "text", text: "Partial", state: "done" },
        { type: "tool-getWeather", toolCallId: "c3", state: "input-available", input: { city: "Rome" } },
      ],
    };
    const failed: ChatMessage = { id: "a3", role: "assistant", metadata: { status: "failed", errorText: "The model is busy_now." }, parts: [] };
    expect(chatToMarkdown({ title: "t", messages: [stopped, failed] })).toBe(
      [
        "# t",
        "",
        "## Parley",
        "",
        "Partial",
        "",
        '- Tool `getWeather` `{"city":"Rome"}`: not finished',
        "",
        "_Stopped before the answer was finished._",
        "",
        "## Parley",
        "",
        "_The answer failed: The model is busy\\_now._",
        "",
      ].join("\n"),
    );
  });

  it("fences a tool input that holds backticks, and cuts a long one", () => {
    const call: ChatMessage = {
      id: "a4",
      role: "assistant",
      parts: [
        { type: "tool-run", toolCallId: "c4", state: "output-available", input: { code: "`x`" }, output: {} },
        { type: "tool-run", toolCallId: "c5", state: "output-available", input: { text: "y".repeat(500) }, output: {} },
      ],
    };
    const [first, second] = chatToMarkdown({ title: "t", messages: [call] }).split("\n").filter((line) => line.startsWith("- Tool"));
    expect(first).toBe('- Tool `run` ``{"code":"`x`"}``: done');
    expect(second).toMatch(/^- Tool `run` `\{"text":"y+…`: done$/);
    expect(Array.from(second ?? "").length).toBeLessThan(160);
  });
});
