import { describe, expect, it } from "vitest";
import { deriveChipStatus, type ToolPart } from "@/components/chat/tool-chip-status";
import type { ChatMessage } from "./chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT, reopenInterruptedToolCalls } from "./interrupted-tool-call";

const answer = (parts: ChatMessage["parts"]): ChatMessage => ({ id: "a1", role: "assistant", parts });

describe("reopenInterruptedToolCalls", () => {
  it("reads a call an older version closed as interrupted back as the stopped call it was shown as", () => {
    const closed = answer([
      { type: "tool-getWeather", toolCallId: "w1", state: "output-error", input: { city: "Paris" }, errorText: INTERRUPTED_TOOL_CALL_TEXT },
      { type: "data-toolRun", id: "w1", data: { toolName: "getWeather", status: "running", startedAt: 1, cached: false, truncated: false } },
    ]);
    const reopened = reopenInterruptedToolCalls(closed);
    expect(reopened.parts[0]).toEqual({ type: "tool-getWeather", toolCallId: "w1", state: "input-available", input: { city: "Paris" } });
    const run = reopened.parts[1]?.type === "data-toolRun" ? reopened.parts[1].data : undefined;
    expect(deriveChipStatus({ part: reopened.parts[0] as ToolPart, run, isStreaming: false })).toBe("stopped");
  });

  it("leaves real failures and untouched messages as they are", () => {
    const failed = answer([{ type: "tool-getWeather", toolCallId: "w1", state: "output-error", input: { city: "Paris" }, errorText: "The weather service failed." }]);
    expect(reopenInterruptedToolCalls(failed)).toBe(failed);
    const question: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: INTERRUPTED_TOOL_CALL_TEXT }] };
    expect(reopenInterruptedToolCalls(question)).toBe(question);
  });
});
