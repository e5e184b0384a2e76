"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { SendOrStopButton } from "./send-or-stop-button";

type ComposerProps = {
  /** An answer is on its way: Send becomes Stop (typing the next message still works). */
  isBusy: boolean;
  /** Stop was pressed and the server is ending the answer. */
  isStopping: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
};

/** The message input. Enter sends, Shift+Enter starts a new line. */
export function Composer({ isBusy, isStopping, onSend, onStop, inputRef }: ComposerProps) {
  const [text, setText] = useState("");
  const canSend = text.trim() !== "" && !isBusy;
  useTextTypedBeforeHydration(inputRef, setText);

  const submit = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
    inputRef.current?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  return (
    <form
      onSubmit={onSubmit}
      className="flex items-end gap-2 rounded-2xl border border-input bg-card p-2 shadow-sm focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30"
    >
      <label htmlFor="composer-input" className="sr-only">
        Message
      </label>
      <textarea
        ref={inputRef}
        id="composer-input"
        data-testid="composer-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        rows={1}
        placeholder="Ask Parley anything…"
        enterKeyHint="send"
        autoComplete="off"
        className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-base leading-6 [field-sizing:content] placeholder:text-muted-foreground focus:outline-none focus-visible:outline-none"
      />
      <SendOrStopButton isBusy={isBusy} isStopping={isStopping} canSend={canSend} onStop={onStop} />
      <span role="status" className="sr-only">
        {isStopping ? "Stopping the answer…" : ""}
      </span>
    </form>
  );
}

/**
 * Text typed into the server-rendered composer before React hydrated it stays in the textarea,
 * but not in the state (and typing the same text again is no change to React): adopt it once
 * hydrated, or Send would stay disabled with the message right there.
 */
function useTextTypedBeforeHydration(inputRef: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void) {
  useEffect(() => {
    const typed = inputRef.current?.value;
    if (typed) setText(typed);
  }, [inputRef, setText]);
}
