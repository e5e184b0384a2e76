"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback, useEffect, useState } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { refusedDecisionOf } from "./refused-decision";
import type { ApprovalResponse } from "./tool-chip";
import { lastUserIdOf } from "./use-chat-sync";

type DecidingChat = Pick<UseChatHelpers<ChatMessage>, "messages" | "status" | "error" | "clearError" | "addToolApprovalResponse">;

/**
 * Approve or Deny that the server refused (another tab or device decided first, or the chat changed):
 * the refusal stays shown and the stored chat is read again, so the chip shows what became of its
 * call: done, denied, or waiting with its buttons. Showing the stored call, rather than only giving
 * the buttons back, is what a user expects: the same decision on a call decided elsewhere would be
 * refused again. Reading the store resumes a live answer too, which ends the chat's own error state,
 * hence the refusal kept here until the user dismisses it, decides again, or asks something new.
 */
export function useRefusedDecision(chat: DecidingChat, showStoredChat: () => Promise<void>) {
  const { messages, status, error, clearError, addToolApprovalResponse } = chat;
  const [refusal, setRefusal] = useState<{ error: Error; questionId: string | undefined }>();
  const [lastRefused, setLastRefused] = useState<Error>();
  const refused = refusedDecisionOf({ messages, status, error });
  const questionId = lastUserIdOf(messages);
  // Kept when it arrives (React's way to adjust state to a change), once per refusal.
  if (refused !== undefined && refused !== lastRefused) {
    setLastRefused(refused);
    setRefusal({ error: refused, questionId });
  }
  useEffect(() => {
    if (refused) void showStoredChat();
  }, [refused, showStoredChat]);

  const dismissRefusal = useCallback(() => {
    setRefusal(undefined);
    clearError();
  }, [clearError]);
  const decide = useCallback(
    (response: ApprovalResponse) => {
      setRefusal(undefined);
      void addToolApprovalResponse(response);
    },
    [addToolApprovalResponse],
  );
  // Another error of the chat's own, or a new question, replaces it.
  const isShown = refusal !== undefined && (status !== "error" || error === refusal.error) && refusal.questionId === questionId;
  return { refusal: isShown ? refusal.error : undefined, dismissRefusal, decide };
}
