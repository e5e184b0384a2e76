import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isConnectionError, markLastAnswerFailed } from "./mark-failed-answer";

const user: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "Tell me everything" }] };
const partial: ChatMessage = {
  id: "a1",
  role: "assistant",
  metadata: { model: "gpt-e2e" },
  parts: [{ type: "text", text: "Here is the first part" }],
};

describe("markLastAnswerFailed", () => {
  it("marks the partial answer as failed with the stream's error text, keeping its parts and metadata", () => {
    const marked = markLastAnswerFailed([user, partial], "The model provider failed.");
    expect(marked).toEqual([user, { ...partial, metadata: { model: "gpt-e2e", status: "failed", errorText: "The model provider failed." } }]);
    expect(marked[0]).toBe(user);
  });

  it("leaves a conversation that ends with the user's message alone (the request was refused)", () => {
    const messages = [user];
    expect(markLastAnswerFailed(messages, "Bad request")).toBe(messages);
  });

  it("does not overwrite a status the server already sent", () => {
    const stopped: ChatMessage = { ...partial, metadata: { status: "stopped" } };
    const messages = [user, stopped];
    expect(markLastAnswerFailed(messages, "late error")).toBe(messages);
  });

  it("leaves an empty conversation alone", () => {
    expect(markLastAnswerFailed([], "error")).toEqual([]);
  });
});

describe("isConnectionError", () => {
  it("tells a dropped connection (fetch's TypeError) from an error the server reported", () => {
    expect(isConnectionError(new TypeError("Failed to fetch"))).toBe(true);
    expect(isConnectionError(new Error("The model provider answered with HTTP 500 (tried 3 times)."))).toBe(false);
  });
});
