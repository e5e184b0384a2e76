"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useEffect } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isConnectionError, markLastAnswerFailed } from "./mark-failed-answer";

/** The answer failed mid-stream: mark it as the server stored it (failed, with the reason). */
export function useMarkFailedAnswer({ status, error, setMessages }: Pick<UseChatHelpers<ChatMessage>, "status" | "error" | "setMessages">) {
  useEffect(() => {
    if (status !== "error" || !error || isConnectionError(error)) return;
    setMessages((current) => markLastAnswerFailed(current, error.message));
  }, [status, error, setMessages]);
}
