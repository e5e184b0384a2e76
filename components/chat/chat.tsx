"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { ErrorBanner } from "./error-banner";
import { MessageList } from "./message-list";

/** Message updates reach React at most this often while an answer streams. */
const RENDER_THROTTLE_MS = 50;

/** The chat: conversation, composer, errors. `modelLabel` comes from the server's configuration. */
export function Chat({ modelLabel }: { modelLabel: string }) {
  const [transport] = useState(() => new DefaultChatTransport<ChatMessage>({ api: "/api/chat" }));
  const { messages, sendMessage, status, error, stop, regenerate, clearError } = useChat<ChatMessage>({
    transport,
    throttle: RENDER_THROTTLE_MS,
  });
  const isBusy = status === "submitted" || status === "streaming";

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
  const stopAnswer = useCallback(() => void stop(), [stop]);

  return (
    <div data-testid="chat" className="flex h-dvh flex-col bg-background text-foreground">
      <ChatHeader modelLabel={modelLabel} />
      <main className="flex min-h-0 flex-1 flex-col">
        <MessageList messages={messages} status={status} emptyState={<EmptyState onPick={sendExample} />} />
        <div className="mx-auto w-full max-w-3xl shrink-0 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4">
          {error && status === "error" && <ErrorBanner error={error} onRetry={retry} onDismiss={clearError} />}
          <Composer isBusy={isBusy} onSend={send} onStop={stopAnswer} inputRef={composerRef} />
          <p className="mt-1.5 hidden text-center text-xs text-muted-foreground sm:block">
            Enter to send · Shift+Enter for a new line
          </p>
        </div>
      </main>
    </div>
  );
}
