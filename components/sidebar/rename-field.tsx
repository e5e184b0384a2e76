"use client";

import { useId, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import { useRenameChat, type RenameChatOptions } from "./use-rename-chat";

/**
 * The title as an input: Enter or leaving the field saves, Escape cancels. What is wrong (too
 * long, empty, refused by the server) shows under it and is read out; the field keeps the text.
 */
export function RenameField(props: RenameChatOptions) {
  const { value, error, isSaving, edit, save, cancel } = useRenameChat(props);
  const errorId = useId();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save({ fromBlur: false });
    } else if (event.key === "Escape") {
      // Escape cancels the edit only: marked as handled, so the drawer stays open.
      event.preventDefault();
      cancel();
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
        onChange={(event) => edit(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void save({ fromBlur: true })}
        // The user asked to edit this title: the field takes the focus.
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        readOnly={isSaving}
        // No maxLength: it would cut a pasted title silently. The error below says what is too long.
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cx(
          "h-9 w-full rounded-md border bg-background px-2 text-sm text-foreground focus:outline-none focus-visible:outline-none focus:ring-2",
          error ? "border-red-600 focus:ring-red-600/30 dark:border-red-400" : "border-ring focus:ring-ring/30",
        )}
      />
      {/* Always there, so screen readers hear each new error (a live region must exist before it changes). */}
      <p id={errorId} aria-live="polite" data-testid="chat-title-error" className="mt-1 px-1 text-xs text-red-700 empty:hidden dark:text-red-300">
        {error}
      </p>
    </div>
  );
}
