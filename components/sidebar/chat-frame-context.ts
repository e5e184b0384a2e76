"use client";

import { createContext, useContext, type RefObject } from "react";
import type { ListedTitles } from "./listed-titles";

/** What the frame around a chat gives the chat's header: the drawer's menu button, and the titles it knows. */
export type ChatFrame = {
  /** The sidebar the menu button opens as a drawer on phones. */
  sidebarId: string;
  isSidebarOpen: boolean;
  openSidebar: () => void;
  /** The focus returns to the menu button when the drawer closes. */
  menuButtonRef: RefObject<HTMLButtonElement | null>;
  /** The titles in the sidebar's list, once loaded (listed-titles.ts). */
  listedTitles: ListedTitles;
};

const noop = () => undefined;

export const ChatFrameContext = createContext<ChatFrame>({
  sidebarId: "sidebar",
  isSidebarOpen: false,
  openSidebar: noop,
  menuButtonRef: { current: null },
  listedTitles: { subscribe: () => noop, titleOf: noop },
});

export function useChatFrame(): ChatFrame {
  return useContext(ChatFrameContext);
}
