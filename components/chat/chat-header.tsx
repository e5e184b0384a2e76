import type { Ref } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { MenuIcon } from "@/components/ui/icons";

type ChatHeaderProps = {
  /** The sidebar the menu button opens as a drawer on phones. */
  sidebarId: string;
  isSidebarOpen: boolean;
  onOpenSidebar: () => void;
  menuButtonRef: Ref<HTMLButtonElement>;
};

export function ChatHeader({ sidebarId, isSidebarOpen, onOpenSidebar, menuButtonRef }: ChatHeaderProps) {
  return (
    <header className="shrink-0 border-b border-border bg-background/95">
      <div className="mx-auto flex h-14 w-full max-w-3xl items-center justify-between gap-3 px-4">
        <div className="flex min-w-0 items-center gap-2">
          <IconButton
            ref={menuButtonRef}
            data-testid="open-sidebar"
            aria-label="Open chats"
            title="Chats"
            aria-controls={sidebarId}
            aria-expanded={isSidebarOpen}
            onClick={onOpenSidebar}
            variant="ghost"
            className="-ml-2 size-9 shrink-0 md:hidden"
            icon={<MenuIcon className="size-5" />}
          />
          <h1 className="text-lg font-semibold tracking-tight">Parley</h1>
        </div>
      </div>
    </header>
  );
}
