import { usageTotalOf, type UsageTotal } from "@/lib/message/usage-total";
import type { ChatSummary, StoredChat } from "@/lib/store/chat-store";

// The API's shape of a chat: dates as ISO 8601 strings.

export type ChatSummaryJson = { id: string; title: string; createdAt: string; updatedAt: string };
/** `usage`: the sum of its answers' usage and cost, computed from the stored messages. */
export type ChatJson = ChatSummaryJson & { messages: StoredChat["messages"]; usage: UsageTotal };

export function toChatSummaryJson(chat: ChatSummary): ChatSummaryJson {
  return {
    id: chat.id,
    title: chat.title,
    createdAt: new Date(chat.createdAt).toISOString(),
    updatedAt: new Date(chat.updatedAt).toISOString(),
  };
}

export function toChatJson(chat: StoredChat): ChatJson {
  return { ...toChatSummaryJson(chat), messages: chat.messages, usage: usageTotalOf(chat.messages) };
}
