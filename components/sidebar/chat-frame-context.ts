"use client";

import { createContext, useContext, type RefObject } from "react";

/** What the frame around a chat gives the chat's header: the drawer's menu button, and the titles it knows. */
export type ChatFrame = {
  /** The sidebar the menu button opens as a drawer on phones. */
  sidebarId: string;
  isSidebarOpen: boolean;
  openSidebar: () => void;
  /** The focus returns to the menu button when the drawer closes. */
  menuButtonRef: RefObject<HTMLButtonElement | null>;
  /** The chat's title in the sidebar's list, once loaded: it follows renames, here and in other tabs. */
  listedTitle: (chatId: string) => string | undefined;
};

const noop = () => undefined;

export const ChatFrameContext = createContext<ChatFrame>({
  sidebarId: "sidebar",
  isSidebarOpen: false,
  openSidebar: noop,
  menuButtonRef: { current: null },
  listedTitle: noop,
});

export function useChatFrame(): ChatFrame {
  return useContext(ChatFrameContext);
}
