import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { prepareSendMessagesRequest } from "./chat-transport";

const user = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const assistant = (id: string, text: string): ChatMessage => ({ id, role: "assistant", parts: [{ type: "text", text }] });

const prepare = (options: { messages: ChatMessage[]; trigger: "submit-message" | "regenerate-message"; messageId?: string; body?: object }) =>
  prepareSendMessagesRequest({
    id: "chat-1",
    requestMetadata: undefined,
    body: undefined,
    credentials: undefined,
    headers: undefined,
    api: "/api/chat",
    messageId: undefined,
    ...options,
  });

describe("prepareSendMessagesRequest", () => {
  it("sends only the new message, never the history", async () => {
    const messages = [user("u1", "Hi"), assistant("a1", "Hello!"), user("u2", "What time is it in Tokyo?")];
    expect(await prepare({ messages, trigger: "submit-message" })).toEqual({
      body: { id: "chat-1", message: user("u2", "What time is it in Tokyo?"), trigger: "submit-message", messageId: undefined },
    });
  });

  it("sends an edit with the message it follows, from the request's own body", async () => {
    const prepared = await prepare({ messages: [user("u1b", "Hi again")], trigger: "submit-message", body: { model: "small", parentId: null } });
    expect(prepared.body).toMatchObject({ parentId: null, message: user("u1b", "Hi again") });
  });

  it("regenerating sends the user message being answered again and the answer it replaces", async () => {
    // useChat has already removed the answer being regenerated: the last message is the user's.
    const messages = [user("u1", "Hi"), assistant("a1", "Hello!"), user("u2", "Again")];
    expect(await prepare({ messages, trigger: "regenerate-message", messageId: "a2" })).toEqual({
      body: { id: "chat-1", message: user("u2", "Again"), trigger: "regenerate-message", messageId: "a2" },
    });
  });

  it("carries the transport's own fields: the model chosen", async () => {
    const prepared = await prepare({ messages: [user("u1", "Hi")], trigger: "submit-message", body: { model: "small" } });
    expect(prepared.body).toMatchObject({ model: "small", id: "chat-1", message: user("u1", "Hi") });
  });

  it("the body survives JSON as the server's schema expects it", async () => {
    const prepared = await prepare({ messages: [user("u1", "Hi")], trigger: "submit-message" });
    expect(JSON.parse(JSON.stringify(prepared.body))).toEqual({
      id: "chat-1",
      message: { id: "u1", role: "user", parts: [{ type: "text", text: "Hi" }] },
      trigger: "submit-message",
    });
  });
});
