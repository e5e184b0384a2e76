import Link from "next/link";
import type { MouseEvent, Ref } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { CloseIcon, PlusIcon, SearchIcon } from "@/components/ui/icons";

type SidebarHeaderProps = {
  newChatRef: Ref<HTMLAnchorElement>;
  onNewChat: (event: MouseEvent<HTMLAnchorElement>) => void;
  onFind: () => void;
  /** Close, on phones only (where the sidebar is a drawer). */
  closeButtonRef: Ref<HTMLButtonElement>;
  onCloseDrawer: () => void;
};

/** The top of the sidebar: New chat, Find, and the drawer's Close. */
export function SidebarHeader({ newChatRef, onNewChat, onFind, closeButtonRef, onCloseDrawer }: SidebarHeaderProps) {
  return (
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
        data-testid="open-find"
        aria-label="Find chats"
        aria-keyshortcuts="Control+K Meta+K"
        title="Find chats (Ctrl+K)"
        onClick={onFind}
        variant="muted"
        className="size-9 shrink-0"
        icon={<SearchIcon className="size-5" />}
      />
      <IconButton
        ref={closeButtonRef}
        aria-label="Close chats"
        title="Close"
        onClick={onCloseDrawer}
        variant="muted"
        className="size-9 shrink-0 md:hidden"
        icon={<CloseIcon className="size-5" />}
      />
    </div>
  );
}
