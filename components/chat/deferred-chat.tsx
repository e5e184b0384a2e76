"use client";

import { useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, type ComponentProps } from "react";
import type { Chat } from "./chat";
import { CHAT_ROOT_ATTRIBUTE, chatCodeArrived, wantChatCode, whenChatCodeWanted } from "./chat-code-gate";
import { COMPOSER_INPUT_ID, focusComposerOnOpen } from "./composer-focus";
import { AWAITS_EXTRAS_ATTRIBUTE } from "@/components/markdown/lazy-module";

const ChatCode = lazy(() =>
  whenChatCodeWanted()
    .then(() => import("./chat"))
    .then(({ Chat }) => ({ default: Chat })),
);

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
    <Suspense fallback={<ChatCodeLoading />}>
      <ChatCode {...chat} />
      <ChatCodeArrived />
    </Suspense>
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
