"use client";

import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { AlertIcon, SpinnerIcon } from "./icons";

type ConfirmDialogProps = {
  title: string;
  /** What will happen, and that it cannot be undone. */
  description: ReactNode;
  /** The destructive button's word: Delete, Revoke. */
  confirmLabel: string;
  /** The action is under way: the dialog cannot be closed, and the button shows a spinner. */
  isBusy: boolean;
  /** Why the action failed, to try again. */
  error: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
  testIds: { dialog: string; cancel: string; confirm: string };
};

/**
 * Asks before something that cannot be undone. A native modal dialog: focus stays inside, Escape and
 * Cancel close it, and the focus returns to the button that opened it. Cancel has the focus first.
 */
export function ConfirmDialog({ title, description, confirmLabel, isBusy, error, onConfirm, onClose, testIds }: ConfirmDialogProps) {
  const { dialogRef, onKeyDown, onClick } = useModal({ canClose: !isBusy });
  const titleId = useId();
  const descriptionId = useId();

  return (
    <dialog
      ref={dialogRef}
      data-testid={testIds.dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={onClick}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/50"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        <p id={descriptionId} className="mt-2 text-sm break-words text-muted-foreground">
          {description}
        </p>
        {error && (
          <p role="alert" className="mt-3 flex items-start gap-2 text-sm text-red-700 dark:text-red-300">
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button
            type="button"
            data-testid={testIds.cancel}
            // The safe choice has the focus when the dialog opens.
            autoFocus
            onClick={() => dialogRef.current?.close()}
            className="inline-flex h-9 items-center rounded-lg border border-input px-3.5 text-sm font-medium hover:bg-muted"
          >
            Cancel
          </button>
          <button
            type="button"
            data-testid={testIds.confirm}
            onClick={onConfirm}
            disabled={isBusy}
            className="inline-flex h-9 items-center gap-2 rounded-lg bg-red-700 px-3.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-70 dark:bg-red-600 dark:hover:bg-red-700"
          >
            {isBusy && <SpinnerIcon className="size-4" />}
            {confirmLabel}
          </button>
        </div>
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
    // Handled here (marked as such, so the drawer behind stays open), and not while busy.
    event.preventDefault();
    if (canClose) event.currentTarget.close();
  };
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    // A click on the backdrop (the dialog element itself, outside its panel) cancels.
    if (event.target === event.currentTarget && canClose) event.currentTarget.close();
  };

  return { dialogRef, onKeyDown, onClick };
}
