"use client";

import { useCallback, useEffect, useMemo } from "react";
import useSWRInfinite from "swr/infinite";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { listen } from "@/components/chat/chat-channel";
import { chatListUrl, fetchChatListPage, type ChatListPageJson } from "./chats-api";

/**
 * The user's chats, page by page (GET /api/chats?cursor=…), newest first. `refresh` reloads every
 * page already shown, so a chat that moved (new answer, new title) shows in its new place.
 */
export function useChatList() {
  const { data, error, size, setSize, isLoading, mutate } = useSWRInfinite<ChatListPageJson, Error>(
    (index, previous: ChatListPageJson | null) => {
      if (index === 0) return chatListUrl(null);
      return previous?.nextCursor ? chatListUrl(previous.nextCursor) : null;
    },
    fetchChatListPage,
    // Loading the next page does not reload the first one; `refresh` reloads them all.
    { revalidateOnFocus: true, revalidateFirstPage: false },
  );

  const chats = useMemo(() => uniqueById(data?.flatMap((page) => page.chats) ?? []), [data]);
  const hasMore = data === undefined || Boolean(data.at(-1)?.nextCursor);
  const isLoadingMore = isLoading || (size > 0 && data !== undefined && data[size - 1] === undefined);

  const loadMore = useCallback(() => void setSize((current) => current + 1), [setSize]);
  const refresh = useCallback(() => void mutate(), [mutate]);
  useEffect(() => listen(refresh), [refresh]);
  /** Takes a deleted chat out of the list at once, then reloads it. */
  const removeChat = useCallback(
    (chatId: string) =>
      void mutate((pages) => pages?.map((page) => ({ ...page, chats: page.chats.filter((chat) => chat.id !== chatId) })), {
        revalidate: true,
      }),
    [mutate],
  );

  return { chats, error, isLoading, isLoadingMore, hasMore, loadMore, refresh, removeChat };
}

export type ChatList = ReturnType<typeof useChatList>;

/** While pages load one after another, a chat that moved up may be in two of them: keep its first place. */
function uniqueById(chats: ChatSummaryJson[]): ChatSummaryJson[] {
  const seen = new Set<string>();
  return chats.filter((chat) => (seen.has(chat.id) ? false : (seen.add(chat.id), true)));
}
