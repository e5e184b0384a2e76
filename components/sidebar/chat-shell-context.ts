"use client";

import { createContext, useContext } from "react";

/** What a chat page tells the frame around it (the sidebar). */
export type ChatShellActions = {
  /** The list of chats changed: a chat was created, an answer ended. */
  refreshChatList: () => void;
  /** A chat started on "/" is stored, and its address is now `/chat/{id}` (set with replaceState). */
  newChatStored: (chatId: string) => void;
};

const noop = () => undefined;

export const ChatShellContext = createContext<ChatShellActions>({ refreshChatList: noop, newChatStored: noop });

export function useChatShell(): ChatShellActions {
  return useContext(ChatShellContext);
}
