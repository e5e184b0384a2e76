"use client";

import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { useChatShell } from "@/components/sidebar/chat-shell-context";

type NewChatAddressOptions = {
  /** The chat was already stored when the page was rendered. */
  isStored: boolean;
  messages: ChatMessage[];
};

/**
 * The answer has started: the server has stored the chat. A new chat gets its address (without
 * a navigation: nothing remounts mid-stream) and shows in the sidebar. Keyed on the answer being
 * there, not on the "streaming" status: a short answer can arrive whole between two renders, and
 * the status then goes from "submitted" to "ready" without ever being "streaming" on screen.
 */
export function useNewChatAddress(chatId: string, { isStored, messages }: NewChatAddressOptions) {
  const { refreshChatList, newChatStored } = useChatShell();
  const stored = useRef(isStored);
  const hasAnswer = messages.some((message) => message.role === "assistant");
  useEffect(() => {
    if (!hasAnswer || stored.current) return;
    stored.current = true;
    const path = `/chat/${chatId}`;
    if (window.location.pathname === path) {
      refreshChatList();
    } else {
      window.history.replaceState(null, "", path);
      newChatStored(chatId);
    }
  }, [hasAnswer, chatId, refreshChatList, newChatStored]);
}
