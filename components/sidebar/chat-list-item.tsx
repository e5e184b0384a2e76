"use client";

import Link, { useLinkStatus } from "next/link";
import { memo, useEffect, useRef, useState, type MouseEvent, type ReactNode, type Ref } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { PencilIcon, SpinnerIcon, TrashIcon } from "@/components/ui/icons";
import { moveFocusInList } from "./chat-list-keys";
import { RenameField } from "./rename-field";

type ChatListItemProps = {
  chat: ChatSummaryJson;
  isActive: boolean;
  /** A chat was chosen (the drawer closes on phones). */
  onNavigate: () => void;
  onRenamed: () => void;
  onDelete: (chat: ChatSummaryJson) => void;
  /** The longest title the server accepts. */
  maxTitleChars: number;
  /** The id of the text that tells screen readers how to reach Rename and Delete. */
  keysHintId: string;
};

/**
 * One chat: its link is the item's one Tab stop; the arrow keys reach Rename and Delete (and the
 * chats above and below), see chat-list-keys.ts.
 */
function ChatListItemView({ chat, isActive, onNavigate, onRenamed, onDelete, maxTitleChars, keysHintId }: ChatListItemProps) {
  const [isEditing, setIsEditing] = useState(false);
  const [title, setSavedTitle] = useShownTitle(chat.title);
  const linkRef = useFocusBackAfterEditing(isEditing);

  return (
    <li
      data-testid="chat-item"
      data-chat-id={chat.id}
      data-active={isActive ? "true" : "false"}
      className="group/item relative"
      onKeyDown={moveFocusInList}
    >
      {isEditing ? (
        <RenameField
          chatId={chat.id}
          title={title}
          maxTitleChars={maxTitleChars}
          onCancel={() => setIsEditing(false)}
          onSaved={(newTitle) => {
            setSavedTitle(newTitle);
            setIsEditing(false);
            onRenamed();
          }}
        />
      ) : (
        <>
          <ChatLink linkRef={linkRef} chatId={chat.id} title={title} isActive={isActive} onNavigate={onNavigate} keysHintId={keysHintId} />
          <ChatActions title={title} isActive={isActive} onRename={() => setIsEditing(true)} onDelete={() => onDelete({ ...chat, title })} />
        </>
      )}
    </li>
  );
}

/**
 * The title to show, and how to set the one just saved: it is shown while the list reloads, so the
 * old title does not flash back, until the list has it too.
 */
function useShownTitle(storedTitle: string) {
  const [savedTitle, setSavedTitle] = useState<string>();
  const title = savedTitle ?? storedTitle;
  if (savedTitle !== undefined && savedTitle === storedTitle) setSavedTitle(undefined);
  return [title, setSavedTitle] as const;
}

/**
 * A rename ended with Enter or Escape: the field is gone, and the focus goes back to the chat's
 * link rather than to the page's start. A rename ended by clicking elsewhere leaves the focus there.
 */
function useFocusBackAfterEditing(isEditing: boolean) {
  const linkRef = useRef<HTMLAnchorElement>(null);
  const wasEditing = useRef(isEditing);
  useEffect(() => {
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (wasEditing.current && !isEditing && focusLost) linkRef.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);
  return linkRef;
}

type ChatLinkProps = { linkRef: Ref<HTMLAnchorElement>; chatId: string; title: string; isActive: boolean; onNavigate: () => void; keysHintId: string };

function ChatLink({ linkRef, chatId, title, isActive, onNavigate, keysHintId }: ChatLinkProps) {
  const href = `/chat/${chatId}`;
  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // The open chat is already shown (its answer may be streaming): do not load it again.
    if (isActive && window.location.pathname === href) event.preventDefault();
    onNavigate();
  };

  return (
    <Link
      ref={linkRef}
      data-testid="chat-item-link"
      data-row-item
      aria-describedby={keysHintId}
      href={href}
      prefetch={false}
      aria-current={isActive ? "page" : undefined}
      onClick={onLinkClick}
      title={title}
      className={cx(
        // Room for the actions where they always show (touch screens), so the title ends in "…".
        "flex min-h-9 items-center gap-2 rounded-lg px-3 py-2 text-sm leading-5 [@media(hover:none)]:pr-20",
        isActive ? "bg-sidebar-active font-medium text-foreground" : "text-foreground hover:bg-sidebar-hover",
      )}
    >
      <span className="min-w-0 flex-1 truncate">{title}</span>
      <PendingSpinner />
    </Link>
  );
}

/** A spinner on the chat being opened, while its page loads. */
function PendingSpinner() {
  const { pending } = useLinkStatus();
  return pending ? <SpinnerIcon className="size-3.5 shrink-0 text-muted-foreground" /> : null;
}

type ChatActionsProps = { title: string; isActive: boolean; onRename: () => void; onDelete: () => void };

/**
 * Rename and Delete: on devices with a pointer they show on hover and focus; on touch screens always.
 * Out of the Tab order (the arrow keys reach them), so each chat is one Tab stop.
 */
function ChatActions({ title, isActive, onRename, onDelete }: ChatActionsProps) {
  return (
    <div
      className={cx(
        "absolute inset-y-1 right-1 flex items-center gap-0.5 rounded-md pl-1",
        // Opaque, in the item's own colour: the actions cover the end of a long title.
        isActive ? "bg-sidebar-active" : "bg-sidebar group-hover/item:bg-sidebar-hover",
        "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/item:opacity-100 [@media(hover:hover)]:group-hover/item:opacity-100",
      )}
    >
      <ItemAction testId="chat-item-rename" label={`Rename chat: ${title}`} onClick={onRename} icon={<PencilIcon className="size-4" />} />
      <ItemAction testId="chat-item-delete" label={`Delete chat: ${title}`} onClick={onDelete} icon={<TrashIcon className="size-4" />} />
    </div>
  );
}

type ItemActionProps = { testId: string; label: string; onClick: () => void; icon: ReactNode };

function ItemAction({ testId, label, onClick, icon }: ItemActionProps) {
  return (
    <IconButton
      data-testid={testId}
      data-row-item
      tabIndex={-1}
      aria-label={label}
      title={label.split(":")[0]}
      onClick={onClick}
      variant="item"
      className="size-8"
      icon={icon}
    />
  );
}

export const ChatListItem = memo(ChatListItemView);
