"use client";

import { usePathname } from "next/navigation";
import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { useFindDialog } from "@/components/find/use-find-dialog";
import type { Account } from "@/lib/auth/account";
import { Sidebar } from "./sidebar";
import { ChatFrameContext, type ChatFrame } from "./chat-frame-context";
import { ChatShellContext } from "./chat-shell-context";
import { useListedTitlesStore } from "./listed-titles";
import { SkipLink } from "./skip-link";
import { useChatList } from "./use-chat-list";
import { useDrawer } from "./use-drawer";
import { useFreshPageOnBackForward } from "./use-fresh-page-on-back-forward";
import { useNewChatLink } from "./use-new-chat-link";

const SIDEBAR_ID = "sidebar";

// Fetched the first time Find opens: not part of every page's first load.
const FindDialog = lazy(() => import("@/components/find/find-dialog").then(({ FindDialog }) => ({ default: FindDialog })));

type ChatShellProps = {
  account: Account;
  /** The longest chat title the server accepts (MAX_TITLE_LENGTH, passed in by the layout). */
  maxTitleChars: number;
  children: ReactNode;
};

/**
 * The frame around every chat: the sidebar with the user's chats, and the page. It lives in the
 * layout, so it stays mounted (list, scroll position) when the user switches chats. Each page
 * renders its own header (it knows the chat's title from the first paint), with the drawer's menu
 * button from here.
 */
export function ChatShell({ account, maxTitleChars, children }: ChatShellProps) {
  const chatList = useChatList();
  const activeChatId = chatIdOf(usePathname());
  useFreshPageOnBackForward();
  const { isDrawerOpen, openDrawer, closeDrawer, menuButtonRef, closeButtonRef } = useDrawer();
  const { shellActions, startNewChat } = useNewChatLink({ activeChatId, refreshChatList: chatList.refresh, onNavigate: closeDrawer });
  const { isFindOpen, openFind, closeFind } = useFindDialog();
  const { chats } = chatList;
  const listedTitles = useListedTitlesStore(chats);
  const frame = useMemo<ChatFrame>(
    () => ({ sidebarId: SIDEBAR_ID, isSidebarOpen: isDrawerOpen, openSidebar: openDrawer, menuButtonRef, listedTitles }),
    [isDrawerOpen, openDrawer, menuButtonRef, listedTitles],
  );

  return (
    <ChatShellContext value={shellActions}>
      <SkipLink />
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
          maxTitleChars={maxTitleChars}
        />
        {isDrawerOpen && (
          <div aria-hidden="true" data-testid="sidebar-backdrop" onClick={closeDrawer} className="fixed inset-0 z-30 bg-black/50 md:hidden" />
        )}
        {/* While the drawer is open, the page behind it can be neither clicked nor reached with Tab. */}
        <div className="flex min-w-0 flex-1 flex-col" inert={isDrawerOpen}>
          <ChatFrameContext value={frame}>
            {/* Focusable by script only: the skip link's target on a page without a message box. */}
            <main tabIndex={-1} className="flex min-h-0 flex-1 flex-col focus:outline-none">
              {children}
            </main>
          </ChatFrameContext>
        </div>
        {/* Outside the part that is inert while the drawer is open: Find opens from the drawer too. */}
        {isFindOpen && (
          <Suspense fallback={null}>
            <FindDialog onClose={closeFind} onNavigate={closeDrawer} />
          </Suspense>
        )}
      </div>
    </ChatShellContext>
  );
}

/** The chat id in `/chat/{id}`, the page of an open chat. */
function chatIdOf(pathname: string): string | undefined {
  const match = /^\/chat\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
