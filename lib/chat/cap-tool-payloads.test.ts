import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { capToolPayloads, MAX_TOOL_PAYLOAD_CHARS_SENT } from "./cap-tool-payloads";

const withCall = (input: unknown, output: unknown): ChatMessage => ({
  id: "a1",
  role: "assistant",
  parts: [{ type: "tool-searchDocs", toolCallId: "c1", state: "output-available", input, output }, { type: "text", text: "Done." }],
});

describe("capToolPayloads", () => {
  it("leaves small tool calls as they are (the same objects)", () => {
    const messages = [withCall({ query: "weather" }, { hits: 3 })];
    expect(capToolPayloads(messages)[0]).toBe(messages[0]);
  });

  it("cuts a 500 KB input and output to the cap, saying so, and keeps the rest of the message", () => {
    const huge = "x".repeat(500_000);
    const [capped] = capToolPayloads([withCall({ query: huge }, { text: huge })]);
    const call = capped?.parts[0] as { input: { note: string; start: string }; output: { note: string; start: string } };
    expect(call.input.note).toBe(`Parley cut this tool call's input from 500012 to ${MAX_TOOL_PAYLOAD_CHARS_SENT} characters of its JSON for later turns.`);
    expect(call.input.start).toHaveLength(MAX_TOOL_PAYLOAD_CHARS_SENT);
    expect(call.output.note).toContain("output from 500011 to");
    expect(JSON.stringify(capped).length).toBeLessThan(3 * MAX_TOOL_PAYLOAD_CHARS_SENT);
    expect(capped?.parts[1]).toEqual({ type: "text", text: "Done." });
  });
});
