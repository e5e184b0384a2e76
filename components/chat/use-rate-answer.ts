"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback } from "react";
import { withFeedback, type AnswerFeedback, type FeedbackInput } from "@/lib/message/answer-feedback";
import type { ChatMessage } from "@/lib/message/chat-message";
import { requestError } from "@/components/ui/request-error";
import { announce } from "./chat-channel";

/**
 * Rates an answer of the chat (PUT), or takes the rating back (DELETE), and once the server has
 * stored it shows it on the answer here and in the other tabs. A failure throws with a sentence to
 * show, and changes nothing.
 */
export function useRateAnswer(chatId: string, setMessages: UseChatHelpers<ChatMessage>["setMessages"]) {
  return useCallback(
    async (messageId: string, input: FeedbackInput | undefined) => {
      const url = `/api/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}/feedback`;
      const response = await fetch(
        url,
        input ? { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(input) } : { method: "DELETE" },
      );
      if (!response.ok) throw await requestError(response, "The server could not store it.");
      const feedback = input ? ((await response.json()) as { feedback: AnswerFeedback }).feedback : undefined;
      setMessages((messages) => messages.map((message) => (message.id === messageId ? withFeedback(message, feedback) : message)));
      announce({ type: "chat-changed", chatId });
    },
    [chatId, setMessages],
  );
}
