"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { MAX_FEEDBACK_NOTE_LENGTH } from "@/lib/message/answer-feedback";

type FeedbackNoteFormProps = {
  onSend: (note: string) => void;
  onCancel: () => void;
  /** The rating is still being saved: the note waits for it. */
  isSaving: boolean;
};

/** "What was wrong?": a few words with a thumb down, sent or left out (Cancel, Escape). */
export function FeedbackNoteForm({ onSend, onCancel, isSaving }: FeedbackNoteFormProps) {
  const [note, setNote] = useState("");
  const id = useId();
  const isBlank = note.trim() === "";

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      data-testid="feedback-note"
      // Below the row's buttons, whatever comes after it in the row.
      className="order-last flex basis-full flex-col gap-2 pt-1"
      onSubmit={(event) => {
        event.preventDefault();
        if (!isBlank && !isSaving) onSend(note);
      }}
    >
      <label htmlFor={id} className="text-xs font-medium text-foreground">
        What was wrong? <span className="font-normal text-muted-foreground">(optional)</span>
      </label>
      <textarea
        id={id}
        data-testid="feedback-note-input"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        onKeyDown={onKeyDown}
        // Opened by the thumb the user just pressed: the field takes the focus.
        autoFocus
        rows={2}
        maxLength={MAX_FEEDBACK_NOTE_LENGTH}
        className="w-full max-w-md resize-y rounded-lg border border-input bg-background px-3 py-2 text-sm focus:ring-2 focus:ring-ring/30 focus:outline-none"
      />
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="feedback-note-send"
          disabled={isBlank || isSaving}
          className="rounded-lg bg-primary px-3 py-1 text-xs font-medium text-primary-foreground hover:opacity-90 disabled:cursor-not-allowed disabled:bg-muted disabled:text-muted-foreground"
        >
          Send
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg px-3 py-1 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground">
          Cancel
        </button>
      </div>
    </form>
  );
}
