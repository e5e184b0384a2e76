import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { UsageTotal } from "@/lib/message/usage-total";
import type { StoredChat } from "@/lib/store/chat-store";
import { chatJsonSchema, chatListJsonSchema, toChatJson, toChatSummaryJson, type ChatJson } from "./chat-json";
import { chatSearchJsonSchema, toChatSearchJson } from "./chat-search-json";

// The schemas the OpenAPI document shows for a chat describe what the API sends: every chat the
// types allow (checked by the compiler), and a chat with every kind of part, exactly.

const question: ChatMessage = { id: "q1", role: "user", parts: [{ type: "text", text: "Weather in Paris?" }], metadata: { createdAt: 1_765_000_000_000 } };
const answer: ChatMessage = {
  id: "a1",
  role: "assistant",
  parts: [
    { type: "step-start" },
    { type: "reasoning", text: "Ask the weather tool.", state: "done" },
    { type: "tool-getWeather", toolCallId: "call-1", state: "output-available", input: { city: "Paris" }, output: { temperature: 21 } },
    { type: "data-toolRun", id: "call-1", data: { toolName: "getWeather", status: "done", startedAt: 1_765_000_000_100, durationMs: 300, cached: false, truncated: false } },
    { type: "text", text: "It is 21 °C.", state: "done" },
  ],
  metadata: {
    model: "Demo model (offline)",
    modelId: "demo",
    createdAt: 1_765_000_000_050,
    finishReason: "stop",
    usage: { calls: 2, reportedCalls: 2, inputTokens: 40, outputTokens: 12, reasoningTokens: 3, cost: 0.0001 },
    thinking: [{ startedAt: 1_765_000_000_060, ms: 20 }],
    feedback: { rating: "up", note: "Quick.", at: 1_765_000_001_000 },
  },
};

const chat: StoredChat = {
  id: "chat-1",
  title: "Weather in Paris?",
  createdAt: 1_765_000_000_000,
  updatedAt: 1_765_000_000_500,
  messages: [question, answer],
  tree: [
    { id: "q1", parentId: null, role: "user" },
    { id: "a1", parentId: "q1", role: "assistant" },
  ],
  messagesById: new Map([
    ["q1", question],
    ["a1", answer],
  ]),
};

describe("the chat JSON schemas", () => {
  it("allow every chat the types allow, and its usage exactly", () => {
    expectTypeOf<ChatJson>().toExtend<z.infer<typeof chatJsonSchema>>();
    expectTypeOf<z.infer<typeof chatJsonSchema>["usage"]>().toEqualTypeOf<UsageTotal>();
  });

  it("take a stored chat, a list page and a search as the API sends them", () => {
    const json = JSON.parse(JSON.stringify(toChatJson(chat))) as unknown;
    expect(chatJsonSchema.parse(json)).toEqual(json);
    const page = { chats: [toChatSummaryJson(chat)], nextCursor: null };
    expect(chatListJsonSchema.parse(page)).toEqual(page);
    const search = toChatSearchJson({ hits: [{ chat, messageId: undefined, snippet: [{ text: "Weather", match: true }, { text: " in Paris?", match: false }] }], truncated: false });
    expect(chatSearchJsonSchema.parse(search)).toEqual(search);
  });

  it("refuse a date that is not ISO 8601 and a field the API does not send", () => {
    expect(chatListJsonSchema.safeParse({ chats: [{ ...toChatSummaryJson(chat), createdAt: chat.createdAt }], nextCursor: null }).success).toBe(false);
    expect(chatJsonSchema.safeParse({ ...toChatJson(chat), messagesById: {} }).success).toBe(false);
  });
});
