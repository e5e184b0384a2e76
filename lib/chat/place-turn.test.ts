import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { arrangeConversation, type StoredMessageEntry } from "@/lib/message/message-tree";
import type { ChatRequest } from "./parse-chat-request";
import { placeTurn } from "./place-turn";

const message = (id: string, role: ChatMessage["role"]): ChatMessage => ({ id, role, parts: [{ type: "text", text: id }] });
const entry = (id: string, parentId: string | null, role: ChatMessage["role"] = "user"): StoredMessageEntry => ({ message: message(id, role), parentId });

// q1 → a1 → q2 → a2, with q2 edited (q2b, not answered yet), the active leaf a2.
const chat = arrangeConversation([entry("q1", null), entry("a1", "q1", "assistant"), entry("q2", "a1"), entry("a2", "q2", "assistant"), entry("q2b", "a1")], "a2");
const request = (userMessage: ChatMessage, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  chatId: "c1",
  userMessage: { ...userMessage, role: "user" },
  trigger: "submit-message",
  ...extra,
});
const ids = (messages: ChatMessage[]) => messages.map(({ id }) => id);

describe("placeTurn", () => {
  it("puts a new message after the active path's last, or where the client says", () => {
    expect(placeTurn(chat, request(message("q3", "user")))).toMatchObject({ newMessageParentId: "a2" });
    const edit = placeTurn(chat, request(message("q2c", "user"), { parentId: "a1" }));
    expect(edit.newMessageParentId).toBe("a1");
    expect(ids(edit.history)).toEqual(["q1", "a1", "q2c"]);
    expect(placeTurn(chat, request(message("q1b", "user"), { parentId: null }))).toEqual({ history: [message("q1b", "user")], newMessageParentId: null });
    expect(placeTurn(undefined, request(message("q1", "user")))).toMatchObject({ newMessageParentId: null });
  });

  it("answers a stored question again only when asked to, or when it never was", () => {
    expect(() => placeTurn(chat, request(message("q2", "user")))).toThrow(expect.objectContaining({ code: "already_answered" }));
    expect(ids(placeTurn(chat, request(message("q2", "user"), { trigger: "regenerate-message" })).history)).toEqual(["q1", "a1", "q2"]);
    // On another branch than the one shown: its own path.
    expect(placeTurn(chat, request(message("q2b", "user")))).toEqual({ history: [message("q1", "user"), message("a1", "assistant"), message("q2b", "user")] });
  });

  it("refuses a parent the chat does not have, and an answer as the message to answer", () => {
    expect(() => placeTurn(chat, request(message("q9", "user"), { parentId: "gone" }))).toThrow(expect.objectContaining({ code: "invalid_request" }));
    expect(() => placeTurn(chat, request(message("a1", "assistant")))).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });
});
