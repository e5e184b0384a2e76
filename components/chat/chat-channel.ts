"use client";

/** What one tab tells the others of this browser: this chat changed (its messages, title, or it is gone). */
export type ChatChannelMessage = { type: "chat-changed"; chatId: string };

const CHANNEL_NAME = "parley-chats";

// One channel per page, for sending and listening: a channel never hears its own messages, so a
// tab never reacts to what it announced itself.
let channel: BroadcastChannel | undefined;
const listeners = new Set<(message: ChatChannelMessage) => void>();

function pageChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === "undefined") return undefined;
  if (!channel) {
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent<ChatChannelMessage>) => listeners.forEach((listener) => listener(event.data));
  }
  return channel;
}

/**
 * Tells the other tabs of this browser that a chat changed (a message sent, an answer ended, a
 * chat renamed or deleted), so they can show it without a reload. Other devices have no channel:
 * they catch up when their page becomes visible again (use-chat-sync.ts, the chat list's
 * revalidation on focus). Where BroadcastChannel is missing, nothing is sent.
 */
export function announce(message: ChatChannelMessage): void {
  pageChannel()?.postMessage(message);
}

/** Calls `listener` with what the other tabs announce; returns the unsubscribe. */
export function listen(listener: (message: ChatChannelMessage) => void): () => void {
  pageChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
