import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import type { ChatSearchJson } from "@/lib/chat/chat-search-json";
import { announce } from "@/components/chat/chat-channel";
import { requestError } from "@/components/ui/request-error";

// The browser's side of /api/chats: list, search, rename, delete. Failures throw with the server's
// message (see requestError); a change is announced to the other tabs.

export type ChatListPageJson = { chats: ChatSummaryJson[]; nextCursor: string | null };

/** Chats per page of the sidebar's list. */
const CHAT_PAGE_SIZE = 30;

export function chatListUrl(cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(CHAT_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return `/api/chats?${query}`;
}

export async function fetchChatListPage(url: string): Promise<ChatListPageJson> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw await requestError(response, "Your chats could not be loaded.");
  return (await response.json()) as ChatListPageJson;
}

/** The user's chats that hold the query's words, newest first (GET /api/chats/search). */
export async function searchChats(query: string, signal: AbortSignal): Promise<ChatSearchJson> {
  const response = await fetch(`/api/chats/search?${new URLSearchParams({ q: query })}`, { headers: { accept: "application/json" }, signal });
  if (!response.ok) throw await requestError(response, "The search failed.");
  return (await response.json()) as ChatSearchJson;
}

export async function renameChat(chatId: string, title: string): Promise<ChatSummaryJson> {
  const response = await fetch(chatUrl(chatId), {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw await requestError(response, "The chat could not be renamed.");
  announce({ type: "chat-changed", chatId });
  return (await response.json()) as ChatSummaryJson;
}

export async function deleteChat(chatId: string): Promise<void> {
  const response = await fetch(chatUrl(chatId), { method: "DELETE" });
  // Already gone is what the user wanted.
  if (!response.ok && response.status !== 404) throw await requestError(response, "The chat could not be deleted.");
  announce({ type: "chat-changed", chatId });
}

const chatUrl = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}`;
