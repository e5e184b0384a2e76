"use client";

import { useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, useSyncExternalStore, type ComponentProps } from "react";
import type { Chat } from "./chat";
import { CHAT_ROOT_ATTRIBUTE, chatCodeArrived, wantChatCode, whenChatCodeWanted } from "./chat-code-gate";
import { COMPOSER_INPUT_ID, focusComposerOnOpen } from "./composer-focus";
import { AWAITS_EXTRAS_ATTRIBUTE } from "@/components/markdown/lazy-module";

const ChatCode = lazy(() =>
  whenChatCodeWanted()
    .then(importChatCode)
    .then(({ Chat }) => ({ default: Chat })),
);

/** The wait before fetching the chat's code again after a failure, doubling, unless the browser comes back online first. */
const retryDelayMs = (attempt: number) => Math.min(60_000, 1_000 * 2 ** attempt);

// Whether the last fetch of the chat's code failed: the page says so while it tries again.
let isFailing = false;
const failureListeners = new Set<() => void>();
function setFailing(failing: boolean): void {
  isFailing = failing;
  failureListeners.forEach((listener) => listener());
}
const subscribeToFailure = (listener: () => void) => {
  failureListeners.add(listener);
  return () => void failureListeners.delete(listener);
};

/**
 * The chat's code, tried until it arrives. A failure never reaches React: the chat would be replaced
 * by an error page, and with it what the user typed. It stays as the server rendered it meanwhile.
 */
async function importChatCode(): Promise<typeof import("./chat")> {
  for (let attempt = 0; ; attempt++) {
    try {
      const chat = await import("./chat");
      setFailing(false);
      return chat;
    } catch {
      setFailing(true);
      await new Promise<void>((retry) => {
        const again = () => {
          clearTimeout(timer);
          window.removeEventListener("online", again);
          retry();
        };
        const timer = setTimeout(again, retryDelayMs(attempt));
        window.addEventListener("online", again);
      });
    }
  }
}

type DeferredChatProps = ComponentProps<typeof Chat> & {
  /** An answer is being written in the chat: it is resumed as soon as the page is there. */
  isAnswering: boolean;
};

/**
 * The chat, rendered on the server and made interactive when it is first used (chat-code-gate.ts):
 * until then React keeps the server's HTML as it is, so the page's first load carries only the
 * frame around it. A chat that is not from the server's HTML (the user went to another chat) has
 * nothing to show without its code, which is then fetched at once.
 */
export function DeferredChat({ isAnswering, ...chat }: DeferredChatProps) {
  const isOpenedAtMessage = useSearchParams().has("message");
  useEffect(() => {
    const composer = document.getElementById(COMPOSER_INPUT_ID) as HTMLTextAreaElement | null;
    // An answer to follow, a message to go to, formulas and code to show as they should be, or a
    // message typed before the page's scripts ran.
    const awaitsExtras = document.querySelector(`[${CHAT_ROOT_ATTRIBUTE}] [${AWAITS_EXTRAS_ATTRIBUTE}]`) !== null;
    if (isAnswering || isOpenedAtMessage || awaitsExtras || Boolean(composer?.value)) wantChatCode();
    focusComposerOnOpen(composer);
  }, [isAnswering, isOpenedAtMessage]);

  return (
    <>
      <ChatCodeFailure />
      <Suspense fallback={<ChatCodeLoading />}>
        <ChatCode {...chat} />
        <ChatCodeArrived />
      </Suspense>
    </>
  );
}

/**
 * Says so while the chat's code cannot be fetched. A component of its own: rendering this one again
 * must not render the chat again, which React would then have to render from nothing.
 */
function ChatCodeFailure() {
  const isCodeFailing = useSyncExternalStore(subscribeToFailure, () => isFailing, () => false);
  if (!isCodeFailing) return null;
  return (
    <p role="alert" data-testid="chat-code-error" className="shrink-0 bg-red-50 px-4 py-2 text-center text-sm text-red-950 dark:bg-red-950/60 dark:text-red-100">
      This chat could not be made ready: check your connection. Parley keeps trying, and what you typed stays here.
    </p>
  );
}

/** Shown only where there is no server HTML to keep: the chat is wanted now. */
function ChatCodeLoading() {
  useEffect(wantChatCode, []);
  return <div aria-busy="true" className="flex min-h-0 flex-1 flex-col" />;
}

function ChatCodeArrived() {
  useEffect(chatCodeArrived, []);
  return null;
}
