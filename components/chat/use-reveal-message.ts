"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";

/** The id of a message's element on the page, which `?message={id}` points to. */
export const messageElementId = (messageId: string) => `message-${messageId}`;

/**
 * Opened at a message (`/chat/{id}?message={messageId}`, as Find does): once that message is on the
 * page, it is brought into view, marked `data-found` (the stylesheet highlights it for a moment),
 * and focused, so the keyboard and screen readers start there.
 */
export function useRevealMessage(messages: ChatMessage[], reveal: (element: HTMLElement) => void) {
  const target = useSearchParams().get("message");
  const isShown = target !== null && messages.some((message) => message.id === target);

  useEffect(() => {
    if (!target || !isShown) return;
    const element = document.getElementById(messageElementId(target));
    if (!element) return;
    document.querySelectorAll("[data-found]").forEach((found) => found.removeAttribute("data-found"));
    reveal(element);
    element.setAttribute("data-found", "");
    element.tabIndex = -1;
    element.focus({ preventScroll: true });
  }, [target, isShown, reveal]);
}
