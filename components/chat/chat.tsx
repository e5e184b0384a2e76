"use client";

import "@/components/ui/zod-without-eval";
import { useChat } from "@ai-sdk/react";
import type { ChatStatus } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { useChatShell } from "@/components/sidebar/chat-shell-context";
import { createChatTransport } from "./chat-transport";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { ErrorBanner } from "./error-banner";
import { isConnectionError, markLastAnswerFailed } from "./mark-failed-answer";
import { MessageList } from "./message-list";
import { requestServerStop, stopAnswer } from "./stop-answer";

/** Message updates reach React at most this often while an answer streams. */
const RENDER_THROTTLE_MS = 50;

type ChatProps = {
  /** The chat's id: from the URL for a stored chat, made by the server for a new one. */
  chatId: string;
  /** The stored conversation, rendered on the server; empty for a new chat. */
  initialMessages: ChatMessage[];
};

const isBusyStatus = (status: ChatStatus) => status === "submitted" || status === "streaming";

/**
 * One conversation: messages, composer, errors. The server stores every message; the browser sends
 * only the new one. Render it with `key={chatId}`: another chat is another `useChat`.
 */
export function Chat({ chatId, initialMessages }: ChatProps) {
  const { refreshChatList, newChatStored } = useChatShell();
  const [transport] = useState(createChatTransport);
  const { messages, setMessages, sendMessage, status, error, stop, regenerate, clearError } = useChat<ChatMessage>({
    id: chatId,
    messages: initialMessages,
    transport,
    throttle: RENDER_THROTTLE_MS,
    // Finished, stopped or failed: the chat moved to the top of the list (and may have a title now).
    onFinish: refreshChatList,
  });
  const isBusy = isBusyStatus(status);

  // The answer has started: the server has stored the chat. A new chat gets its address (without
  // a navigation: nothing remounts mid-stream) and shows in the sidebar. Keyed on the answer being
  // there, not on the "streaming" status: a short answer can arrive whole between two renders, and
  // the status then goes from "submitted" to "ready" without ever being "streaming" on screen.
  const isStored = useRef(initialMessages.length > 0);
  const hasAnswer = messages.some((message) => message.role === "assistant");
  useEffect(() => {
    if (!hasAnswer || isStored.current) return;
    isStored.current = true;
    const path = `/chat/${chatId}`;
    if (window.location.pathname === path) {
      refreshChatList();
    } else {
      window.history.replaceState(null, "", path);
      newChatStored(chatId);
    }
  }, [hasAnswer, chatId, refreshChatList, newChatStored]);

  // The answer failed mid-stream: mark it as the server stored it (failed, with the reason).
  useEffect(() => {
    if (status !== "error" || !error || isConnectionError(error)) return;
    setMessages((current) => markLastAnswerFailed(current, error.message));
  }, [status, error, setMessages]);

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

  // Stop asks the server to stop and keeps reading the stream, so what stays on screen is exactly
  // what the server stored; only if the stream does not end does the browser abort it.
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);
  const [isStopping, setIsStopping] = useState(false);
  const stopping = useRef(false);
  const stopAnswerNow = useCallback(() => {
    if (stopping.current) return;
    stopping.current = true;
    setIsStopping(true);
    void stopAnswer({
      isBusy: () => isBusyStatus(statusRef.current),
      requestStop: () => requestServerStop(chatId),
      abortLocally: stop,
    }).finally(() => {
      stopping.current = false;
      setIsStopping(false);
    });
  }, [chatId, stop]);

  // A provider failure is marked on the answer too: the banner then carries the reason and Retry.
  const last = messages.at(-1);
  const showsBanner = Boolean(error) && status === "error";
  const bannerFailedMessageId = showsBanner && last?.role === "assistant" && last.metadata?.status === "failed" ? last.id : undefined;

  return (
    <div data-testid="chat" className="flex min-h-0 flex-1 flex-col">
      <MessageList
        messages={messages}
        status={status}
        emptyState={<EmptyState onPick={sendExample} />}
        onRegenerate={regenerateAnswer}
        failureInBannerId={bannerFailedMessageId}
      />
      <div className="mx-auto w-full max-w-3xl shrink-0 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4">
        {error && showsBanner && <ErrorBanner error={error} onRetry={retry} onDismiss={clearError} />}
        <Composer
          isBusy={isBusy}
          isStopping={isStopping && isBusy}
          onSend={send}
          onStop={stopAnswerNow}
          inputRef={composerRef}
        />
        <p className="mt-1.5 hidden text-center text-xs text-muted-foreground sm:block">
          Enter to send · Shift+Enter for a new line
        </p>
      </div>
    </div>
  );
}
