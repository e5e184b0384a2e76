"use client";

import { useState } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { errorText } from "@/components/ui/request-error";
import { deleteChat } from "./chats-api";

/** Deleting a chat once confirmed: under way, or failed with the reason (to try again). */
export function useDeleteChat(chat: ChatSummaryJson, onDeleted: (chat: ChatSummaryJson) => void) {
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setIsDeleting(true);
    setError(undefined);
    try {
      await deleteChat(chat.id);
      onDeleted(chat);
    } catch (caught) {
      setError(errorText(caught));
      setIsDeleting(false);
    }
  };

  return { isDeleting, error, confirm };
}
