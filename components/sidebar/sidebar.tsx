"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, type MouseEvent, type Ref } from "react";
import type { Account } from "@/lib/auth/account";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { CloseIcon, PlusIcon } from "@/components/ui/icons";
import { AccountFooter } from "./account-footer";
import { ChatList } from "./chat-list";
import { DeleteChatDialog } from "./delete-chat-dialog";
import type { ChatList as ChatListState } from "./use-chat-list";

type SidebarProps = {
  id: string;
  list: ChatListState;
  /** Who is signed in (or the local-mode notice), at the bottom. */
  account: Account;
  activeChatId: string | undefined;
  /** Below the `md` breakpoint the sidebar is a drawer over the content. */
  isDrawerOpen: boolean;
  onCloseDrawer: () => void;
  /** Something was chosen that navigates (a chat, New chat): the drawer closes. */
  onNavigate: () => void;
  onNewChat: (event: MouseEvent<HTMLAnchorElement>) => void;
  closeButtonRef: Ref<HTMLButtonElement>;
};

/** New chat, and the user's chats: open, rename, delete. A column on wide screens, a drawer on phones. */
export function Sidebar({ id, list, account, activeChatId, isDrawerOpen, onCloseDrawer, onNavigate, onNewChat, closeButtonRef }: SidebarProps) {
  const router = useRouter();
  const newChatRef = useRef<HTMLAnchorElement>(null);
  const [chatToDelete, setChatToDelete] = useState<ChatSummaryJson>();
  const { removeChat } = list;

  const onDeleted = useCallback(
    (chat: ChatSummaryJson) => {
      setChatToDelete(undefined);
      removeChat(chat.id);
      // Its button is gone: the focus moves to New chat rather than to the page's start.
      newChatRef.current?.focus();
      if (chat.id === activeChatId) router.replace("/");
    },
    [activeChatId, removeChat, router],
  );

  return (
    <>
      <nav
        id={id}
        data-testid="sidebar"
        aria-label="Chats"
        className={cx(
          "flex w-64 shrink-0 flex-col border-r border-border bg-sidebar",
          // Phones: a drawer that slides in over the content; hidden (and out of the tab order) when closed.
          "max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:z-40 max-md:w-80 max-md:max-w-[85vw] max-md:shadow-2xl",
          // Visible at once when opening (so it can take the focus), hidden only once it has slid out.
          "max-md:duration-200 motion-reduce:transition-none",
          isDrawerOpen
            ? "max-md:visible max-md:translate-x-0 max-md:transition-[translate]"
            : "max-md:invisible max-md:-translate-x-full max-md:transition-[translate,visibility]",
        )}
      >
        <div className="flex h-14 shrink-0 items-center gap-2 border-b border-border px-3">
          <Link
            ref={newChatRef}
            href="/"
            data-testid="new-chat"
            onClick={onNewChat}
            className="inline-flex h-9 flex-1 items-center gap-2 rounded-lg border border-input bg-background px-3 text-sm font-medium hover:bg-muted"
          >
            <PlusIcon className="size-4" />
            New chat
          </Link>
          <IconButton
            ref={closeButtonRef}
            aria-label="Close chats"
            title="Close"
            onClick={onCloseDrawer}
            variant="muted"
            size="size-9"
            noShrink
            narrowOnly
            icon={<CloseIcon className="size-5" />}
          />
        </div>
        <ChatList list={list} activeChatId={activeChatId} onNavigate={onNavigate} onDelete={setChatToDelete} />
        <AccountFooter account={account} />
      </nav>
      {chatToDelete && (
        <DeleteChatDialog key={chatToDelete.id} chat={chatToDelete} onClose={() => setChatToDelete(undefined)} onDeleted={onDeleted} />
      )}
    </>
  );
}
