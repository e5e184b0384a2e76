import { usageTotalOf, type UsageTotal } from "@/lib/message/usage-total";
import type { ChatSummary, StoredChat } from "@/lib/store/chat-store";

// The API's shape of a chat: dates as ISO 8601 strings.

export type ChatSummaryJson = { id: string; title: string; createdAt: string; updatedAt: string };
/**
 * `messages`: the active path (what the chat shows and the model reads); `tree`: where every message
 * of the chat sits (`{ id, parentId, role }`, in the order stored), from which its branches are read;
 * `usage`: the sum of its answers' usage and cost, on every branch.
 */
export type ChatJson = ChatSummaryJson & { messages: StoredChat["messages"]; tree: StoredChat["tree"]; usage: UsageTotal };

export function toChatSummaryJson(chat: ChatSummary): ChatSummaryJson {
  return {
    id: chat.id,
    title: chat.title,
    createdAt: new Date(chat.createdAt).toISOString(),
    updatedAt: new Date(chat.updatedAt).toISOString(),
  };
}

export function toChatJson(chat: StoredChat): ChatJson {
  return { ...toChatSummaryJson(chat), messages: chat.messages, tree: chat.tree, usage: usageTotalOf([...chat.messagesById.values()]) };
}
