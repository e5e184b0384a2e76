"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";

/**
 * The titles in the sidebar's list, for the chat's header. A store the header subscribes to, not a
 * context value that changes: a change of context reaches a chat whose code is still on its way
 * (deferred-chat.tsx), and React would then render it again from nothing instead of keeping the
 * server's HTML.
 */
export type ListedTitles = {
  subscribe: (onChange: () => void) => () => void;
  titleOf: (chatId: string) => string | undefined;
};

/** The one store of the frame, fed with the list as it loads and changes. */
export function useListedTitlesStore(chats: ChatSummaryJson[]): ListedTitles {
  const [store] = useState(() => {
    let listed: ChatSummaryJson[] = [];
    const listeners = new Set<() => void>();
    return {
      subscribe: (onChange: () => void) => {
        listeners.add(onChange);
        return () => void listeners.delete(onChange);
      },
      titleOf: (chatId: string) => listed.find((chat) => chat.id === chatId)?.title,
      update: (chats: ChatSummaryJson[]) => {
        listed = chats;
        listeners.forEach((listener) => listener());
      },
    };
  });
  useEffect(() => store.update(chats), [store, chats]);
  return store;
}

/** The chat's title in the sidebar's list, once loaded: it follows renames, here and in other tabs. */
export function useListedTitle({ subscribe, titleOf }: ListedTitles, chatId: string | undefined): string | undefined {
  return useSyncExternalStore(
    subscribe,
    () => (chatId ? titleOf(chatId) : undefined),
    () => undefined,
  );
}
