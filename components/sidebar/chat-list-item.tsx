"use client";

import Link, { useLinkStatus } from "next/link";
import { memo, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { PencilIcon, SpinnerIcon, TrashIcon } from "@/components/ui/icons";
import { errorText, renameChat } from "./chats-api";

type ChatListItemProps = {
  chat: ChatSummaryJson;
  isActive: boolean;
  /** A chat was chosen (the drawer closes on phones). */
  onNavigate: () => void;
  onRenamed: () => void;
  onDelete: (chat: ChatSummaryJson) => void;
};

function ChatListItemView({ chat, isActive, onNavigate, onRenamed, onDelete }: ChatListItemProps) {
  const [isEditing, setIsEditing] = useState(false);
  // Shown while the new title is saved and the list reloads, so the old title does not flash back.
  const [savedTitle, setSavedTitle] = useState<string>();
  const title = savedTitle ?? chat.title;
  if (savedTitle !== undefined && savedTitle === chat.title) setSavedTitle(undefined);

  const href = `/chat/${chat.id}`;
  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // The open chat is already shown (its answer may be streaming): do not load it again.
    if (isActive && window.location.pathname === href) event.preventDefault();
    onNavigate();
  };

  return (
    <li
      data-testid="chat-item"
      data-chat-id={chat.id}
      data-active={isActive ? "true" : "false"}
      className="group/item relative"
    >
      {isEditing ? (
        <RenameField
          chatId={chat.id}
          title={title}
          onCancel={() => setIsEditing(false)}
          onSaved={(newTitle) => {
            setSavedTitle(newTitle);
            setIsEditing(false);
            onRenamed();
          }}
        />
      ) : (
        <>
          <Link
            data-testid="chat-item-link"
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
          {/* On devices with a pointer the actions show on hover and focus; on touch screens always. */}
          <div
            className={cx(
              "absolute inset-y-1 right-1 flex items-center gap-0.5 rounded-md pl-1",
              // Opaque, in the item's own colour: the actions cover the end of a long title.
              isActive ? "bg-sidebar-active" : "bg-sidebar group-hover/item:bg-sidebar-hover",
              "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/item:opacity-100 [@media(hover:hover)]:group-hover/item:opacity-100",
            )}
          >
            <IconButton
              data-testid="chat-item-rename"
              aria-label={`Rename chat: ${title}`}
              title="Rename chat"
              onClick={() => setIsEditing(true)}
              variant="item"
              size="size-8"
              icon={<PencilIcon className="size-4" />}
            />
            <IconButton
              data-testid="chat-item-delete"
              aria-label={`Delete chat: ${title}`}
              title="Delete chat"
              onClick={() => onDelete({ ...chat, title })}
              variant="item"
              size="size-8"
              icon={<TrashIcon className="size-4" />}
            />
          </div>
        </>
      )}
    </li>
  );
}

/** A spinner on the chat being opened, while its page loads. */
function PendingSpinner() {
  const { pending } = useLinkStatus();
  return pending ? <SpinnerIcon className="size-3.5 shrink-0 text-muted-foreground" /> : null;
}

type RenameFieldProps = {
  chatId: string;
  title: string;
  onCancel: () => void;
  onSaved: (title: string) => void;
};

/** The title as an input: Enter or leaving the field saves, Escape cancels. */
function RenameField({ chatId, title, onCancel, onSaved }: RenameFieldProps) {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  // Enter saves, and the input then unmounts and blurs: save once, and never after Escape.
  const settled = useRef(false);
  const errorId = useId();

  const save = async ({ fromBlur }: { fromBlur: boolean }) => {
    if (settled.current || isSaving) return;
    const newTitle = value.replace(/\s+/g, " ").trim();
    if (newTitle === title || (newTitle === "" && fromBlur)) {
      settled.current = true;
      onCancel();
      return;
    }
    if (newTitle === "") {
      setError("The title cannot be empty.");
      return;
    }
    setIsSaving(true);
    setError(undefined);
    try {
      const saved = await renameChat(chatId, newTitle);
      settled.current = true;
      onSaved(saved.title);
    } catch (caught) {
      setError(errorText(caught));
      setIsSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save({ fromBlur: false });
    } else if (event.key === "Escape") {
      // Escape cancels the edit only: marked as handled, so the drawer stays open.
      event.preventDefault();
      settled.current = true;
      onCancel();
    }
  };

  return (
    <div className="px-1 py-0.5">
      <label htmlFor={`${errorId}-input`} className="sr-only">
        Chat title
      </label>
      <input
        id={`${errorId}-input`}
        data-testid="chat-title-input"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => void save({ fromBlur: true })}
        // The user asked to edit this title: the field takes the focus.
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        readOnly={isSaving}
        maxLength={100}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cx(
          "h-9 w-full rounded-md border bg-background px-2 text-sm text-foreground focus:outline-none focus-visible:outline-none focus:ring-2",
          error ? "border-red-600 focus:ring-red-600/30 dark:border-red-400" : "border-ring focus:ring-ring/30",
        )}
      />
      {error && (
        <p id={errorId} role="alert" data-testid="chat-title-error" className="mt-1 px-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

export const ChatListItem = memo(ChatListItemView);
