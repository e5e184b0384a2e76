"use client";

import { useEffect } from "react";
import { useChatFrame } from "@/components/sidebar/chat-frame-context";
import { useListedTitle } from "@/components/sidebar/listed-titles";
import { IconButton } from "@/components/ui/icon-button";
import { MenuIcon } from "@/components/ui/icons";
import { pageTitle } from "@/components/ui/page-title";
import { ExportMenu } from "./export-menu";

type ChatHeaderProps = {
  /** The chat on the page; none for a page without one (a chat not found). */
  chatId?: string;
  /** The title the page was rendered with: the stored chat's, "New chat", or what the page is. */
  title: string;
  /** The chat is stored: it can be exported. */
  isStored?: boolean;
};

/**
 * The top of a chat page: the drawer's menu button (phones), the chat's title, Export. The title is
 * the sidebar list's once the list has the chat, so it follows renames (also from other tabs) and
 * shows a new chat's title as soon as it is stored; so does the page's title. Long titles end in "…";
 * the heading keeps the whole title for screen readers, and the tooltip for the pointer.
 */
export function ChatHeader({ chatId, title: renderedTitle, isStored = false }: ChatHeaderProps) {
  const { sidebarId, isSidebarOpen, openSidebar, menuButtonRef, listedTitles } = useChatFrame();
  const listedTitle = useListedTitle(listedTitles, chatId);
  const title = listedTitle ?? renderedTitle;
  // The tab's title follows too, without a reload.
  useEffect(() => {
    if (listedTitle) document.title = pageTitle(listedTitle);
  }, [listedTitle]);
  return (
    <header className="shrink-0 border-b border-border bg-background/95">
      <div className="mx-auto flex h-14 w-full max-w-3xl items-center gap-2 px-4">
        <IconButton
          ref={menuButtonRef}
          data-testid="open-sidebar"
          aria-label="Open chats"
          title="Chats"
          aria-controls={sidebarId}
          aria-expanded={isSidebarOpen}
          onClick={openSidebar}
          variant="ghost"
          className="-ml-2 size-9 shrink-0 md:hidden"
          icon={<MenuIcon className="size-5" />}
        />
        <h1 data-testid="chat-title" title={title} className="min-w-0 flex-1 truncate text-base font-semibold tracking-tight">
          {title}
        </h1>
        {chatId && isStored && <ExportMenu chatId={chatId} />}
      </div>
    </header>
  );
}
