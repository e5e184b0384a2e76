"use client";

import type { UseChatHelpers } from "@ai-sdk/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ComposerHandle } from "./composer";

type ChatHelpers = Pick<UseChatHelpers<ChatMessage>, "messages" | "status" | "sendMessage" | "regenerate" | "setMessages">;

/** A request on its way: the conversation before it, and what it asked: a new message's text, or an answer again. */
type PendingRequest = { messagesBefore: ChatMessage[] } & ({ text: string; editOf?: string } | { regenerate: { messageId?: string } });

/**
 * What the user can ask of a chat: send a message or an example prompt, edit a sent message, retry,
 * regenerate an answer. A request the server refused, or that never reached it (nothing of an answer came),
 * leaves the conversation as it was before: a new message goes back into the composer, so nothing
 * typed is lost. `wasRefused` says the last request ended so; Retry then makes it again.
 */
export function useChatCommands(
  { messages, status, sendMessage, regenerate, setMessages }: ChatHelpers,
  /** Settles once the chat's resume on mount has: requests wait for it (see useResumeOnMount). */
  afterResume: () => Promise<void> = () => Promise.resolve(),
) {
  const composerRef = useRef<ComposerHandle>(null);
  const pending = useRef<PendingRequest | undefined>(undefined);
  const [refused, setRefused] = useState<PendingRequest | undefined>(undefined);

  const track = useCallback(
    (request: { text: string; editOf?: string } | { regenerate: { messageId?: string } }) => {
      pending.current = { ...request, messagesBefore: messages };
      setRefused(undefined);
    },
    [messages],
  );

  useEffect(() => {
    const request = pending.current;
    if (!request || status === "submitted") return;
    pending.current = undefined;
    if (status !== "error") return;
    let answerStarted = true;
    setMessages((current) => {
      // The answer had begun: it is stored (marked failed) and stays.
      if (current.at(-1)?.role !== "user") return current;
      answerStarted = false;
      return request.messagesBefore;
    });
    if (answerStarted) return;
    if ("text" in request) composerRef.current?.returnText(request.text);
    setRefused(request);
  }, [status, setMessages]);

  const send = useCallback(
    (text: string) => {
      track({ text });
      void afterResume().then(() => sendMessage({ text }));
    },
    [track, sendMessage, afterResume],
  );
  const sendExample = useCallback(
    (prompt: string) => {
      send(prompt);
      // The example buttons disappear; keep keyboard focus in the composer (no keyboard pop-up on touch).
      if (window.matchMedia("(pointer: fine)").matches) composerRef.current?.focus();
    },
    [send],
  );
  // A new version of a sent message: the conversation is cut back to before it, and it is sent from
  // there, naming the message it follows (none for a first message): a branch beside the first version.
  const editMessage = useCallback(
    (messageId: string, text: string) => {
      track({ text, editOf: messageId });
      void afterResume().then(() => {
        let parentId: string | null | undefined;
        setMessages((current) => {
          const index = current.findIndex((message) => message.id === messageId);
          if (index === -1) return current;
          parentId = current[index - 1]?.id ?? null;
          return current.slice(0, index);
        });
        if (parentId === undefined) return;
        return sendMessage({ text }, { body: { parentId } });
      });
    },
    [track, sendMessage, setMessages, afterResume],
  );
  const regenerateAnswer = useCallback(
    (messageId?: string) => {
      track({ regenerate: { messageId } });
      void afterResume().then(() => regenerate(messageId === undefined ? undefined : { messageId }));
    },
    [track, regenerate, afterResume],
  );
  // A refused message is sent again from the composer (where it is, perhaps edited); anything else is answered again.
  // A refused edit is sent again as that edit, with the text as it now stands in the composer.
  const retry = useCallback(() => {
    if (refused && "text" in refused && refused.editOf !== undefined) editMessage(refused.editOf, composerRef.current?.takeText() || refused.text);
    else if (refused && "text" in refused) composerRef.current?.submit();
    else regenerateAnswer(refused?.regenerate.messageId);
  }, [refused, regenerateAnswer, editMessage]);

  return { composerRef, send, sendExample, editMessage, retry, regenerateAnswer, wasRefused: refused !== undefined };
}
