"use client";

import "@/components/ui/zod-without-eval";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { ChatHeader } from "@/components/chat/chat-header";
import type { Account } from "@/lib/auth/account";
import { Sidebar } from "./sidebar";
import { ChatShellContext, type ChatShellActions } from "./chat-shell-context";
import { useChatList } from "./use-chat-list";

const SIDEBAR_ID = "sidebar";
/** Tailwind's `md` breakpoint: from here on the sidebar is a column, not a drawer. */
const WIDE_SCREEN_QUERY = "(min-width: 48rem)";

/**
 * The frame around every chat: the sidebar with the user's chats, the header and the page. It lives
 * in the layout, so it stays mounted (list, scroll position) when the user switches chats.
 */
export function ChatShell({ modelLabel, account, children }: { modelLabel: string; account: Account; children: ReactNode }) {
  const router = useRouter();
  const chatList = useChatList();
  const activeChatId = chatIdOf(usePathname());
  useFreshPageOnBackForward();

  const [isDrawerOpen, setIsDrawerOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);

  const openDrawer = useCallback(() => setIsDrawerOpen(true), []);
  const closeDrawer = useCallback(() => setIsDrawerOpen(false), []);

  // Focus goes into the drawer when it opens and back to the menu button when it closes.
  const wasDrawerOpen = useRef(false);
  useEffect(() => {
    if (isDrawerOpen) closeButtonRef.current?.focus();
    else if (wasDrawerOpen.current) menuButtonRef.current?.focus();
    wasDrawerOpen.current = isDrawerOpen;
  }, [isDrawerOpen]);

  useEffect(() => {
    if (!isDrawerOpen) return;
    // On window, so it runs after the page's own handlers: an Escape they used (to cancel a rename,
    // to close a dialog) is marked as handled and leaves the drawer open.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) closeDrawer();
    };
    // Grown past the breakpoint (rotation, resize): there is no drawer to close any more.
    const wide = window.matchMedia(WIDE_SCREEN_QUERY);
    const onWide = () => {
      if (wide.matches) closeDrawer();
    };
    window.addEventListener("keydown", onKeyDown);
    wide.addEventListener("change", onWide);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      wide.removeEventListener("change", onWide);
    };
  }, [isDrawerOpen, closeDrawer]);

  // A chat started on "/" keeps the "/" page on screen after its address became /chat/{id}: for the
  // router, "New chat" (a link to "/") would then lead to the page already shown. Load a fresh one.
  const storedNewChatId = useRef<string>(undefined);
  const { refresh: refreshChatList } = chatList;
  const shellActions = useMemo<ChatShellActions>(
    () => ({
      refreshChatList,
      newChatStored: (chatId) => {
        storedNewChatId.current = chatId;
        refreshChatList();
      },
    }),
    [refreshChatList],
  );
  const startNewChat = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      closeDrawer();
      if (activeChatId === undefined || storedNewChatId.current !== activeChatId) return;
      event.preventDefault();
      storedNewChatId.current = undefined;
      router.push("/");
      router.refresh();
    },
    [activeChatId, closeDrawer, router],
  );

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
          closeButtonRef={closeButtonRef}
        />
        {isDrawerOpen && (
          <div aria-hidden="true" data-testid="sidebar-backdrop" onClick={closeDrawer} className="fixed inset-0 z-30 bg-black/50 md:hidden" />
        )}
        {/* While the drawer is open, the page behind it can be neither clicked nor reached with Tab. */}
        <div className="flex min-w-0 flex-1 flex-col" inert={isDrawerOpen}>
          <ChatHeader
            modelLabel={modelLabel}
            sidebarId={SIDEBAR_ID}
            isSidebarOpen={isDrawerOpen}
            onOpenSidebar={openDrawer}
            menuButtonRef={menuButtonRef}
          />
          <main className="flex min-h-0 flex-1 flex-col">{children}</main>
        </div>
      </div>
    </ChatShellContext>
  );
}

/**
 * Back and Forward show a page as it was first loaded, but a chat may have grown since, or have been
 * started on "/" (its address set with replaceState, so "/" is what the router remembers). The
 * page is loaded again from the server; the chat page's key changes with the stored chat, so the
 * conversation shows as it is stored now.
 */
function useFreshPageOnBackForward() {
  const router = useRouter();
  useEffect(() => {
    // After the router has handled the history entry itself.
    const onPopState = () => setTimeout(() => router.refresh(), 0);
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [router]);
}

/** The chat id in `/chat/{id}`, the page of an open chat. */
function chatIdOf(pathname: string): string | undefined {
  const match = /^\/chat\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
