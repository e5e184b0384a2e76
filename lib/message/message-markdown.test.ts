import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-message";
import { messageMarkdown } from "./message-markdown";

describe("messageMarkdown", () => {
  it("gives what the user typed, as typed", () => {
    const message: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "  *Not* markdown to me:\n\n\tkeep   this  " }] };
    expect(messageMarkdown(message)).toBe("  *Not* markdown to me:\n\n\tkeep   this  ");
  });

  it("joins an answer's text around its tool calls as paragraphs, without the calls or the reasoning", () => {
    const message: ChatMessage = {
      id: "a1",
      role: "assistant",
      parts: [
        { type: "step-start" },
        { type: "reasoning", text: "The user wants the weather.", state: "done" },
        { type: "text", text: "Let me check.\n", state: "done" },
        { type: "tool-getWeather", toolCallId: "call-0", state: "output-available", input: { city: "Paris" }, output: { ok: true, temperature: 21 } },
        { type: "data-toolRun", id: "call-0", data: { toolName: "getWeather", status: "done", startedAt: 1, durationMs: 2, cached: false, truncated: false } },
        { type: "step-start" },
        { type: "text", text: "\n**Paris**: 21 °C\n\n```js\n  indented();\n```\n", state: "done" },
      ],
    };
    expect(messageMarkdown(message)).toBe("Let me check.\n\n**Paris**: 21 °C\n\n```js\n  indented();\n```");
  });

  it("keeps the indentation an answer starts with (an indented code block)", () => {
    const message: ChatMessage = { id: "a1", role: "assistant", parts: [{ type: "text", text: "    code\n\nafter" }] };
    expect(messageMarkdown(message)).toBe("    code\n\nafter");
  });

  it("gives nothing for an answer without text", () => {
    const message: ChatMessage = { id: "a1", role: "assistant", parts: [{ type: "text", text: " \n" }] };
    expect(messageMarkdown(message)).toBe("");
  });
});
