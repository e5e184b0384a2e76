"use client";

import { listen } from "./chat-channel";
import { COMPOSER_INPUT_ID } from "./composer-focus";

// The chat's code (the message list and its actions, the AI SDK's client, the markdown renderer) is
// not part of the page's first load: the server-rendered chat shows at once, and its code is fetched
// the first time it is wanted. Until then this module stands in for it: it notices the user
// arriving (a pointer moving, a touch, a key, typing), news of the chat from another tab, or the
// page coming back into view; and it holds what the user asked for meanwhile (Enter or Send in the
// message box, a click on one of the chat's buttons), for the chat to carry out once it is there.

/** On the chat's outermost element: the part of the page this module speaks for. */
export const CHAT_ROOT_ATTRIBUTE = "data-chat-root";

/** The user is here: the chat's code is fetched on the first of these. */
const ARRIVAL_EVENTS = ["pointermove", "pointerdown", "touchstart", "keydown", "input", "wheel"] as const;

let openGate: () => void = () => undefined;
// On the server the chat renders at once, so the page arrives with every message in it.
const wanted =
  typeof window === "undefined"
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        openGate = resolve;
      });
let hasArrived = false;
let stopWatching: () => void = () => undefined;
let isSendAsked = false;
const heldClicks: HTMLElement[] = [];
const newsHeard = new Set<string | undefined>();

/** Settles when the chat's code is wanted; on the server, at once. */
export function whenChatCodeWanted(): Promise<void> {
  return wanted;
}

/** Fetch the chat's code now: the page needs it (an answer to resume, a message to open at, nothing rendered). */
export function wantChatCode(): void {
  openGate();
}

/**
 * Watches the page for the first sign that the chat's code is wanted, and holds the user's requests
 * until it is there: from the moment this module runs, before React has hydrated the page.
 */
function watchForChatUse(): void {
  const watching = new AbortController();
  const options = { capture: true, signal: watching.signal };
  for (const type of ARRIVAL_EVENTS) window.addEventListener(type, wantChatCode, { ...options, passive: true });
  window.addEventListener("keydown", holdEnterInComposer, options);
  window.addEventListener("click", holdClickInChat, options);
  // A form submitted before its code is there would be sent by the browser itself, as a page load.
  window.addEventListener("submit", (event) => isInChat(event.target) && event.preventDefault(), options);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && heardNews(undefined), options);
  const stopListening = listen((message) => heardNews(message.chatId));
  watching.signal.addEventListener("abort", stopListening);
  stopWatching = () => watching.abort();
}

/** News of a chat (undefined: of any, as when the page comes back into view); the page's own chat wants its code. */
function heardNews(chatId: string | undefined): void {
  if (chatId !== undefined && window.location.pathname !== `/chat/${encodeURIComponent(chatId)}`) return;
  newsHeard.add(chatId);
  wantChatCode();
}

if (typeof window !== "undefined") watchForChatUse();

/** The chat is interactive: what the user asked for while its code was on its way is done now. */
export function chatCodeArrived(): void {
  if (hasArrived) return;
  hasArrived = true;
  stopWatching();
  // After the events of the chat's first render have run (the message box adopting its text).
  setTimeout(() => heldClicks.splice(0).forEach((button) => button.isConnected && button.click()));
}

/** Enter or Send was pressed in the message box before the chat could send: send what it holds now. Once. */
export function takeSendAskedEarly(): boolean {
  const asked = isSendAsked;
  isSendAsked = false;
  return asked;
}

/** Another tab changed this chat, or the page came back into view, before the chat's code was there: read it again. Once. */
export function takeNewsHeardEarly(chatId: string): boolean {
  const heard = newsHeard.has(chatId) || newsHeard.has(undefined);
  newsHeard.clear();
  return heard;
}

function holdEnterInComposer(event: KeyboardEvent): void {
  if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
  if (!(event.target instanceof HTMLTextAreaElement) || event.target.id !== COMPOSER_INPUT_ID) return;
  // Not a new line: the message is sent once the chat can send it.
  event.preventDefault();
  isSendAsked = true;
}

function holdClickInChat(event: MouseEvent): void {
  if (!isInChat(event.target)) return;
  const button = event.target.closest<HTMLElement>("button, [role='button'], summary");
  if (!button) return;
  event.preventDefault();
  if (button.matches("[type='submit']") && button.closest("form")?.querySelector(`#${COMPOSER_INPUT_ID}`)) isSendAsked = true;
  else heldClicks.push(button);
}

function isInChat(target: EventTarget | null): target is Element {
  return target instanceof Element && target.closest(`[${CHAT_ROOT_ATTRIBUTE}]`) !== null;
}
