"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useEffect } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { isRefusal } from "./chat-error";
import { isConnectionError, markLastAnswerFailed } from "./mark-failed-answer";

/** The answer failed mid-stream: mark it as the server stored it (failed, with the reason). A refused request has no answer to mark. */
export function useMarkFailedAnswer({ status, error, setMessages }: Pick<UseChatHelpers<ChatMessage>, "status" | "error" | "setMessages">) {
  useEffect(() => {
    if (status !== "error" || !error || isConnectionError(error) || isRefusal(error)) return;
    setMessages((current) => markLastAnswerFailed(current, error.message));
  }, [status, error, setMessages]);
}
