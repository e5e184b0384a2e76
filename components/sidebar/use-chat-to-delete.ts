"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, type RefObject } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";

type ChatToDeleteOptions = {
  /** The chat on screen: deleting it leads to a new chat. */
  activeChatId: string | undefined;
  /** Takes the deleted chat out of the list. */
  removeChat: (chatId: string) => void;
  /** Where the focus goes once the deleted chat's button is gone. */
  focusAfterDelete: RefObject<HTMLElement | null>;
};

/** The chat whose deletion is being confirmed, if any, and what follows once it is deleted. */
export function useChatToDelete({ activeChatId, removeChat, focusAfterDelete }: ChatToDeleteOptions) {
  const router = useRouter();
  const [chatToDelete, setChatToDelete] = useState<ChatSummaryJson>();

  const onDeleted = useCallback(
    (chat: ChatSummaryJson) => {
      setChatToDelete(undefined);
      removeChat(chat.id);
      // Its button is gone: the focus moves to New chat rather than to the page's start.
      focusAfterDelete.current?.focus();
      if (chat.id === activeChatId) router.replace("/");
    },
    [activeChatId, removeChat, focusAfterDelete, router],
  );

  return { chatToDelete, setChatToDelete, onDeleted };
}
