"use client";

import "@/components/ui/zod-without-eval";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { ChatHeader } from "@/components/chat/chat-header";
import { FindDialog } from "@/components/find/find-dialog";
import { useFindDialog } from "@/components/find/use-find-dialog";
import type { Account } from "@/lib/auth/account";
import { Sidebar } from "./sidebar";
import { ChatShellContext } from "./chat-shell-context";
import { useChatList } from "./use-chat-list";
import { useDrawer } from "./use-drawer";
import { useFreshPageOnBackForward } from "./use-fresh-page-on-back-forward";
import { useNewChatLink } from "./use-new-chat-link";

const SIDEBAR_ID = "sidebar";

/**
 * The frame around every chat: the sidebar with the user's chats, the header and the page. It lives
 * in the layout, so it stays mounted (list, scroll position) when the user switches chats.
 */
export function ChatShell({ account, children }: { account: Account; children: ReactNode }) {
  const chatList = useChatList();
  const activeChatId = chatIdOf(usePathname());
  useFreshPageOnBackForward();
  const { isDrawerOpen, openDrawer, closeDrawer, menuButtonRef, closeButtonRef } = useDrawer();
  const { shellActions, startNewChat } = useNewChatLink({ activeChatId, refreshChatList: chatList.refresh, onNavigate: closeDrawer });
  const { isFindOpen, openFind, closeFind } = useFindDialog();

  return (
    <ChatShellContext value={shellActions}>
      <div className="flex h-dvh bg-background text-foreground">
        <Sidebar
          id={SIDEBAR_ID}
          list={chatList}
          account={account}
          activeChatId={activeChatId}
          isDrawerOpen={isDrawerOpen}
          onCloseDrawer={closeDrawer}
          onNavigate={closeDrawer}
          onNewChat={startNewChat}
          onFind={openFind}
          closeButtonRef={closeButtonRef}
        />
        {isDrawerOpen && (
          <div aria-hidden="true" data-testid="sidebar-backdrop" onClick={closeDrawer} className="fixed inset-0 z-30 bg-black/50 md:hidden" />
        )}
        {/* While the drawer is open, the page behind it can be neither clicked nor reached with Tab. */}
        <div className="flex min-w-0 flex-1 flex-col" inert={isDrawerOpen}>
          <ChatHeader
            sidebarId={SIDEBAR_ID}
            isSidebarOpen={isDrawerOpen}
            onOpenSidebar={openDrawer}
            menuButtonRef={menuButtonRef}
          />
          <main className="flex min-h-0 flex-1 flex-col">{children}</main>
        </div>
        {/* Outside the part that is inert while the drawer is open: Find opens from the drawer too. */}
        {isFindOpen && <FindDialog onClose={closeFind} onNavigate={closeDrawer} />}
      </div>
    </ChatShellContext>
  );
}

/** The chat id in `/chat/{id}`, the page of an open chat. */
function chatIdOf(pathname: string): string | undefined {
  const match = /^\/chat\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
