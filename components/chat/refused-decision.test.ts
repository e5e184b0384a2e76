import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { refusedDecisionOf } from "./refused-decision";

const question: ChatMessage = { id: "question", role: "user", parts: [{ type: "text", text: "What is 4 + 4?" }] };

function answerWithCall(state: "approval-requested" | "approval-responded" | "output-available"): ChatMessage {
  const call = { type: "tool-calculate", toolCallId: "call-1", input: { expression: "4 + 4" } } as const;
  const approval = { id: "approval-1", signature: "signed" };
  const part =
    state === "approval-requested"
      ? { ...call, state, approval }
      : state === "approval-responded"
        ? { ...call, state, approval: { ...approval, approved: false } }
        : { ...call, state, approval: { ...approval, approved: true }, output: { expression: "4 + 4", result: "8" } };
  return { id: "answer", role: "assistant", parts: [part] } as ChatMessage;
}

const refusal = new APICallError({
  message: "Bad Request",
  url: "/api/chat",
  requestBodyValues: {},
  statusCode: 400,
  responseBody: JSON.stringify({ error: { code: "invalid_request", message: "This answer was already decided: nothing in it waits for approval now." } }),
});

describe("refusedDecisionOf", () => {
  it("is the refusal when the server refused a decision the last answer still holds unsent", () => {
    expect(refusedDecisionOf({ messages: [question, answerWithCall("approval-responded")], status: "error", error: refusal })).toBe(refusal);
  });

  it("is none for a refused message, a failure that is no refusal, or a decision already under way", () => {
    expect(refusedDecisionOf({ messages: [question], status: "error", error: refusal })).toBeUndefined();
    expect(refusedDecisionOf({ messages: [question, answerWithCall("approval-responded")], status: "error", error: new TypeError("Failed to fetch") })).toBeUndefined();
    expect(refusedDecisionOf({ messages: [question, answerWithCall("approval-responded")], status: "submitted", error: undefined })).toBeUndefined();
    expect(refusedDecisionOf({ messages: [question, answerWithCall("output-available")], status: "error", error: refusal })).toBeUndefined();
    expect(refusedDecisionOf({ messages: [question, answerWithCall("approval-requested")], status: "error", error: refusal })).toBeUndefined();
  });
});
