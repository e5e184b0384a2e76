"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback, useRef } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";

/** What the user can ask of a chat: send a message or an example prompt, retry, regenerate an answer. */
export function useChatCommands({ sendMessage, regenerate }: Pick<UseChatHelpers<ChatMessage>, "sendMessage" | "regenerate">) {
  const composerRef = useRef<HTMLTextAreaElement>(null);

  const send = useCallback((text: string) => void sendMessage({ text }), [sendMessage]);
  const sendExample = useCallback(
    (prompt: string) => {
      send(prompt);
      // The example buttons disappear; keep keyboard focus in the composer (no keyboard pop-up on touch).
      if (window.matchMedia("(pointer: fine)").matches) composerRef.current?.focus();
    },
    [send],
  );
  const retry = useCallback(() => void regenerate(), [regenerate]);
  const regenerateAnswer = useCallback((messageId: string) => void regenerate({ messageId }), [regenerate]);

  return { composerRef, send, sendExample, retry, regenerateAnswer };
}
