"use client";

import { lazy, Suspense, useRef, type MouseEvent, type Ref } from "react";
import type { Account } from "@/lib/auth/account";
import { cx } from "@/components/ui/cx";
import { ThemeSwitch } from "@/components/theme/theme-switch";
import { AccountFooter } from "./account-footer";
import { ChatList } from "./chat-list";
import { SidebarHeader } from "./sidebar-header";
import { useChatToDelete } from "./use-chat-to-delete";
import type { ChatList as ChatListState } from "./use-chat-list";

// Fetched the first time a chat is deleted: not part of every page's first load.
const DeleteChatDialog = lazy(() => import("./delete-chat-dialog").then(({ DeleteChatDialog }) => ({ default: DeleteChatDialog })));

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
  /** Opens Find (search the chats). */
  onFind: () => void;
  closeButtonRef: Ref<HTMLButtonElement>;
  /** The longest title the server accepts. */
  maxTitleChars: number;
};

/** New chat, Find, the user's chats (open, rename, delete), the theme. A column on wide screens, a drawer on phones. */
export function Sidebar(props: SidebarProps) {
  const { id, list, account, activeChatId, isDrawerOpen, onCloseDrawer, onNavigate, onNewChat, onFind, closeButtonRef, maxTitleChars } = props;
  const newChatRef = useRef<HTMLAnchorElement>(null);
  const { chatToDelete, setChatToDelete, onDeleted } = useChatToDelete({ activeChatId, removeChat: list.removeChat, focusAfterDelete: newChatRef });

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
        <SidebarHeader newChatRef={newChatRef} onNewChat={onNewChat} onFind={onFind} closeButtonRef={closeButtonRef} onCloseDrawer={onCloseDrawer} />
        <ChatList list={list} activeChatId={activeChatId} onNavigate={onNavigate} onDelete={setChatToDelete} maxTitleChars={maxTitleChars} />
        <ThemeSwitch />
        <AccountFooter account={account} onNavigate={onNavigate} />
      </nav>
      {chatToDelete && (
        <Suspense fallback={null}>
          <DeleteChatDialog key={chatToDelete.id} chat={chatToDelete} onClose={() => setChatToDelete(undefined)} onDeleted={onDeleted} />
        </Suspense>
      )}
    </>
  );
}
