"use client";

import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from "react";
import type { ChatSummaryJson } from "@/lib/chat/chat-json";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { useDeleteChat } from "./use-delete-chat";

type DeleteChatDialogProps = {
  chat: ChatSummaryJson;
  onClose: () => void;
  onDeleted: (chat: ChatSummaryJson) => void;
};

/**
 * Asks before a chat is deleted. A native modal dialog: focus stays inside, Escape and Cancel close
 * it, and the focus returns to the button that opened it. Cancel has the focus first.
 */
export function DeleteChatDialog({ chat, onClose, onDeleted }: DeleteChatDialogProps) {
  const { isDeleting, error, confirm } = useDeleteChat(chat, onDeleted);
  const { dialogRef, onKeyDown, onClick } = useModal({ canClose: !isDeleting });
  const titleId = useId();
  const descriptionId = useId();

  return (
    <dialog
      ref={dialogRef}
      data-testid="delete-chat-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={onClick}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/50"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          Delete chat?
        </h2>
        <p id={descriptionId} className="mt-2 text-sm break-words text-muted-foreground">
          <span className="font-medium text-foreground">“{chat.title}”</span> and all its messages will be deleted. This
          cannot be undone.
        </p>
        {error && (
          <p role="alert" className="mt-3 flex items-start gap-2 text-sm text-red-700 dark:text-red-300">
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {error}
          </p>
        )}
        <DialogButtons isDeleting={isDeleting} onCancel={() => dialogRef.current?.close()} onConfirm={() => void confirm()} />
      </div>
    </dialog>
  );
}

/** Opens the dialog as a modal once mounted; Escape and a click on the backdrop close it, when it may close. */
function useModal({ canClose }: { canClose: boolean }) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    // Unmounting removes the dialog, which also ends its modal state: no cleanup needed.
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Escape") return;
    // Handled here (marked as such, so the drawer behind stays open), and not while deleting.
    event.preventDefault();
    if (canClose) event.currentTarget.close();
  };
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    // A click on the backdrop (the dialog element itself, outside its panel) cancels.
    if (event.target === event.currentTarget && canClose) event.currentTarget.close();
  };

  return { dialogRef, onKeyDown, onClick };
}

function DialogButtons({ isDeleting, onCancel, onConfirm }: { isDeleting: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <div className="mt-5 flex justify-end gap-2">
      <button
        type="button"
        data-testid="cancel-delete"
        // The safe choice has the focus when the dialog opens.
        autoFocus
        onClick={onCancel}
        className="inline-flex h-9 items-center rounded-lg border border-input px-3.5 text-sm font-medium hover:bg-muted"
      >
        Cancel
      </button>
      <button
        type="button"
        data-testid="confirm-delete"
        onClick={onConfirm}
        disabled={isDeleting}
        className="inline-flex h-9 items-center gap-2 rounded-lg bg-red-700 px-3.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-70 dark:bg-red-600 dark:hover:bg-red-700"
      >
        {isDeleting && <SpinnerIcon className="size-4" />}
        Delete
      </button>
    </div>
  );
}
