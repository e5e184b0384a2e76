"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, type MouseEvent } from "react";
import type { ChatShellActions } from "./chat-shell-context";

type NewChatLinkOptions = {
  /** The chat on screen, from the address. */
  activeChatId: string | undefined;
  refreshChatList: () => void;
  /** "New chat" was chosen (the drawer closes). */
  onNavigate: () => void;
};

/**
 * A chat started on "/" keeps the "/" page on screen after its address became /chat/{id}: for the
 * router, "New chat" (a link to "/") would then lead to the page already shown. Load a fresh one.
 * Returns what the chat page tells the shell (to learn of such a chat) and the link's click handler.
 */
export function useNewChatLink({ activeChatId, refreshChatList, onNavigate }: NewChatLinkOptions) {
  const router = useRouter();
  const storedNewChatId = useRef<string>(undefined);
  const shellActions = useMemo<ChatShellActions>(
    () => ({
      refreshChatList,
      newChatStored: (chatId) => {
        storedNewChatId.current = chatId;
        refreshChatList();
      },
    }),
    [refreshChatList],
  );
  const startNewChat = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onNavigate();
      if (activeChatId === undefined || storedNewChatId.current !== activeChatId) return;
      event.preventDefault();
      storedNewChatId.current = undefined;
      router.push("/");
      router.refresh();
    },
    [activeChatId, onNavigate, router],
  );
  return { shellActions, startNewChat };
}
