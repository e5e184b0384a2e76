import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { CUT_MID_ANSWER_TEXT, describeChatError } from "./chat-error";

/** What the transport throws for a non-2xx answer to POST /api/chat. */
const refusal = (statusCode: number, code: string, message: string) => {
  const responseBody = JSON.stringify({ error: { code, message } });
  return new APICallError({ message: responseBody, url: "/api/chat", requestBodyValues: undefined, statusCode, responseBody });
};

describe("describeChatError", () => {
  it("offers Stop, not Retry, while another answer is being written in the chat (409)", () => {
    expect(describeChatError(refusal(409, "answer_in_progress", "An answer is still being written in this chat."))).toEqual({
      message: "An answer is still being written in this chat.",
      action: "stop",
    });
  });

  it.each([
    [400, "invalid_request", "A text part may hold at most 32000 characters. (at message.parts.0.text)"],
    [413, "payload_too_large", "The request body is larger than 1000000 bytes."],
    [404, "not_found", "No such chat."],
    [401, "unauthorized", "Sign in to continue."],
  ])("offers nothing for a refusal the same request would get again (%i)", (status, code, message) => {
    expect(describeChatError(refusal(status, code, message))).toEqual({ message, action: "none" });
  });

  it.each([
    [429, "rate_limited", "You can send 3 messages a minute. You can continue in 12 s."],
    [500, "internal", "Something went wrong on our side. Please try again."],
  ])("offers Retry when the same request can succeed later (%i)", (status, code, message) => {
    expect(describeChatError(refusal(status, code, message))).toEqual({ message, action: "retry" });
  });

  it("offers Retry after a network failure, in plain words", () => {
    expect(describeChatError(new TypeError("Failed to fetch"))).toEqual({
      message: "The server could not be reached. Check your connection and try again.",
      action: "retry",
    });
  });

  it.each(["network error", "terminated"])("says to reload, without Retry, when the connection broke mid-answer and reconnecting failed (%s)", (message) => {
    expect(describeChatError(new TypeError(message))).toEqual({ message: CUT_MID_ANSWER_TEXT, action: "none" });
  });

  it("shows a failed answer's error text as it is, with Retry", () => {
    expect(describeChatError(new Error("The model provider answered with HTTP 500 (tried 3 times)."))).toEqual({
      message: "The model provider answered with HTTP 500 (tried 3 times).",
      action: "retry",
    });
  });
});
