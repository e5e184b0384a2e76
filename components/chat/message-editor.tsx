"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import { COUNT_FROM, describeLength } from "./describe-length";

type MessageEditorProps = {
  /** The message as it was sent. */
  text: string;
  /** The longest message the server accepts, in characters. */
  maxTextChars: number;
  /** Sends the edited text as a new version of the message: a new branch from there. */
  onSave: (text: string) => void;
  onCancel: () => void;
};

/**
 * Editing a sent message, in place of its bubble. Saving sends it as a new version: the answers to
 * the first version stay, a switch away (‹ 1 / 2 ›). Enter saves, Shift+Enter starts a new line,
 * Escape cancels.
 */
export function MessageEditor({ text: sentText, maxTextChars, onSave, onCancel }: MessageEditorProps) {
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(sentText);
  const noteId = useId();
  const length = text.trim().length;
  const isTooLong = length > maxTextChars;
  // As in the composer: the count near the limit, and over it by how much to shorten.
  const limitNote = length >= maxTextChars * COUNT_FROM ? describeLength(length, maxTextChars) : undefined;
  const canSave = length > 0 && !isTooLong && text.trim() !== sentText.trim();

  useEffect(() => {
    const input = inputRef.current;
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
  }, []);

  const save = () => {
    if (canSave) onSave(text.trim());
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  };

  return (
    <form data-testid="message-editor" onSubmit={onSubmit} className="flex w-full max-w-[85%] flex-col gap-2">
      <label htmlFor={`${noteId}-input`} className="sr-only">
        Edit your message
      </label>
      <textarea
        id={`${noteId}-input`}
        ref={inputRef}
        data-testid="message-editor-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        rows={Math.min(8, Math.max(2, text.split("\n").length))}
        aria-invalid={isTooLong || undefined}
        aria-describedby={limitNote ? noteId : undefined}
        className="w-full resize-y rounded-2xl border border-input bg-card px-4 py-2.5 leading-relaxed focus:border-ring focus:ring-2 focus:ring-ring/30 focus:outline-none"
      />
      {limitNote && (
        <p
          id={noteId}
          data-testid="message-editor-limit"
          aria-live="polite"
          className={cx("text-xs", isTooLong ? "font-medium text-red-700 dark:text-red-300" : "text-muted-foreground")}
        >
          {limitNote}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" data-testid="message-editor-cancel" onClick={onCancel} className="rounded-lg px-3 py-1.5 text-sm font-medium hover:bg-muted">
          Cancel
        </button>
        <button
          type="submit"
          data-testid="message-editor-save"
          aria-disabled={!canSave}
          className="rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:opacity-90 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
        >
          Send
        </button>
      </div>
    </form>
  );
}
