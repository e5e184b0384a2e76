"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { listen } from "@/components/chat/chat-channel";
import { chatListUrl, fetchChatListPage, type ChatListPageJson } from "./chats-api";

/**
 * The user's chats, page by page (GET /api/chats?cursor=…), newest first. `refresh` reloads every
 * page already shown, so a chat that moved (new answer, new title) shows in its new place; so do
 * news from another tab and the page coming back into view. Reads run one at a time, in the order
 * asked, and a reload asked for while one waits is the same reload. (A small hook of its own rather
 * than a data-fetching library: it is part of every page's first load.)
 */
export function useChatList() {
  const [pages, setPages] = useState<ChatListPageJson[] | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const shown = useRef<{ pages: ChatListPageJson[]; wanted: number }>({ pages: [], wanted: 1 });
  const queue = useRef<Promise<void>>(Promise.resolve());
  const isReloadQueued = useRef(false);

  const read = useCallback((task: () => Promise<ChatListPageJson[]>) => {
    queue.current = queue.current.then(async () => {
      try {
        const next = await task();
        shown.current.pages = next;
        setPages(next);
        setError(undefined);
      } catch (failure) {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      }
    });
    return queue.current;
  }, []);

  const refresh = useCallback(() => {
    if (isReloadQueued.current) return;
    isReloadQueued.current = true;
    void read(async () => {
      isReloadQueued.current = false;
      const next: ChatListPageJson[] = [];
      for (let cursor: string | null = null; next.length < shown.current.wanted; ) {
        const page = await fetchChatListPage(chatListUrl(cursor));
        next.push(page);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return next;
    });
  }, [read]);

  const loadMore = useCallback(() => {
    shown.current.wanted += 1;
    setIsLoadingMore(true);
    void read(async () => {
      const { pages: before } = shown.current;
      const cursor = before.at(-1)?.nextCursor;
      // Nothing shown yet (the first read failed): the whole list, as a reload does.
      if (before.length === 0) return [await fetchChatListPage(chatListUrl(null))];
      return cursor ? [...before, await fetchChatListPage(chatListUrl(cursor))] : before;
    }).finally(() => setIsLoadingMore(false));
  }, [read]);

  useEffect(refresh, [refresh]);
  useEffect(() => listen(refresh), [refresh]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && refresh();
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  /** Takes a deleted chat out of the list at once, then reloads it. */
  const removeChat = useCallback(
    (chatId: string) => {
      setPages((current) => current?.map((page) => ({ ...page, chats: page.chats.filter((chat) => chat.id !== chatId) })));
      refresh();
    },
    [refresh],
  );

  const chats = useMemo(() => uniqueById(pages?.flatMap((page) => page.chats) ?? []), [pages]);
  const isLoading = pages === undefined && error === undefined;
  const hasMore = pages === undefined || Boolean(pages.at(-1)?.nextCursor);
  return { chats, error, isLoading, isLoadingMore: isLoading || isLoadingMore, hasMore, loadMore, refresh, removeChat };
}

export type ChatList = ReturnType<typeof useChatList>;

/** While pages load one after another, a chat that moved up may be in two of them: keep its first place. */
function uniqueById(chats: ChatSummaryJson[]): ChatSummaryJson[] {
  const seen = new Set<string>();
  return chats.filter((chat) => (seen.has(chat.id) ? false : (seen.add(chat.id), true)));
}
