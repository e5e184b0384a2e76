"use client";

import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type Ref, type RefObject } from "react";
import { cx } from "@/components/ui/cx";
import { takeSendAskedEarly } from "./chat-code-gate";
import { COMPOSER_INPUT_ID, focusComposerOnOpen, hasFinePointer } from "./composer-focus";
import { COUNT_FROM, describeLength } from "./describe-length";
import { SendOrStopButton } from "./send-or-stop-button";

/** What the chat asks of the composer: focus, send what it holds (Retry), take back a message that was not sent. */
export type ComposerHandle = {
  focus: () => void;
  submit: () => void;
  /** Puts the text of a message the server refused back (before anything typed since), so nothing is lost. */
  returnText: (text: string) => void;
  /** Empties the composer and gives what it held (trimmed): a refused edit sent again as an edit. */
  takeText: () => string;
};

type ComposerProps = {
  /** An answer is on its way: Send becomes Stop (typing the next message still works). */
  isBusy: boolean;
  /** Stop was pressed and the server is ending the answer. */
  isStopping: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  handleRef: Ref<ComposerHandle>;
  /** The longest message the server accepts, in characters (`MAX_TEXT_CHARS`, passed in by the page). */
  maxTextChars: number;
};

/** The message input. Enter sends, Shift+Enter starts a new line; a message over the limit cannot be sent, and says so. */
export function Composer({ isBusy, isStopping, onSend, onStop, handleRef, maxTextChars }: ComposerProps) {
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  // What is sent: the trimmed text.
  const length = text.trim().length;
  const isTooLong = length > maxTextChars;
  const canSend = (value: string) => value.trim().length > 0 && !isBusy && value.trim().length <= maxTextChars;
  const limitNote = length >= maxTextChars * COUNT_FROM ? describeLength(length, maxTextChars) : undefined;
  /**
   * Sends `value` if it can be sent; false when it cannot. By default what the box shows: text the
   * state has not caught up with yet (typed before the chat's code arrived) is sent too.
   */
  const submit = (value = inputRef.current?.value ?? text): boolean => {
    if (!canSend(value)) return false;
    onSend(value.trim());
    setText("");
    inputRef.current?.focus();
    return true;
  };
  useTextTypedBeforeHydration(inputRef, setText, () => submit());
  useEffect(() => focusComposerOnOpen(inputRef.current), []);

  useImperativeHandle(handleRef, () => ({
    focus: () => inputRef.current?.focus(),
    submit: () => void submit(),
    takeText: () => {
      setText("");
      return text.trim();
    },
    returnText: (returned) => {
      setText((typed) => (typed.trim() === "" ? returned : `${returned}\n\n${typed}`));
      inputRef.current?.focus();
    },
  }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  // Stop swaps the button for another: the focus goes to the message box, ready for the next message.
  // Not after a tap on a touch screen, where that would open the on-screen keyboard.
  const stop = (event: MouseEvent<HTMLButtonElement>) => {
    onStop();
    const byKeyboard = event.detail === 0;
    if (byKeyboard || hasFinePointer()) inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  return (
    <div>
      <form
        onSubmit={onSubmit}
        className="flex items-end gap-2 rounded-2xl border border-input bg-card p-2 shadow-sm focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30"
      >
        <label htmlFor={COMPOSER_INPUT_ID} className="sr-only">
          Message
        </label>
        <textarea
          ref={inputRef}
          id={COMPOSER_INPUT_ID}
          data-testid="composer-input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          placeholder="Ask Parley anything…"
          enterKeyHint="send"
          autoComplete="off"
          aria-invalid={isTooLong || undefined}
          aria-describedby={limitNote ? "composer-limit" : undefined}
          className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-base leading-6 [field-sizing:content] placeholder:text-muted-foreground focus:outline-none focus-visible:outline-none"
        />
        <SendOrStopButton
          isBusy={isBusy}
          isStopping={isStopping}
          canSend={canSend(text)}
          disabledReason={isTooLong ? "Too long to send" : undefined}
          onStop={stop}
        />
        <span role="status" className="sr-only">
          {isStopping ? "Stopping the answer…" : ""}
        </span>
      </form>
      {limitNote && (
        <p
          id="composer-limit"
          data-testid="composer-limit"
          data-too-long={isTooLong}
          aria-live="polite"
          className={cx("mt-1 px-2 text-right text-xs", isTooLong ? "font-medium text-red-700 dark:text-red-300" : "text-muted-foreground")}
        >
          {limitNote}
        </p>
      )}
    </div>
  );
}

/**
 * Text typed into the server-rendered composer before React hydrated it stays in the textarea,
 * but not in the state (and typing the same text again is no change to React): adopt it once
 * hydrated, or Send would stay disabled with the message right there. Sent at once if Enter or
 * Send was pressed while the chat's code was on its way (chat-code-gate.ts held it back).
 */
function useTextTypedBeforeHydration(inputRef: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void, submit: () => boolean) {
  const latestSubmit = useRef(submit);
  useEffect(() => {
    latestSubmit.current = submit;
  });
  useEffect(() => {
    const typed = inputRef.current?.value;
    if (typed) setText(typed);
    // Once the chat's own first effects have run, so this is a send like any other. What the box
    // shows then is sent: nothing, if the user sent it meanwhile.
    if (takeSendAskedEarly()) setTimeout(() => latestSubmit.current());
  }, [inputRef, setText]);
}
