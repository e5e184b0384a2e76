"use client";

import type { ReactNode } from "react";
import type { ChatMessage } from "@/lib/message/chat-message";
import { messageMarkdown } from "@/lib/message/message-markdown";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { CheckIcon, CopyIcon, RetryIcon } from "@/components/ui/icons";
import { FeedbackButtons, type RateAnswer } from "./feedback-buttons";
import { useCopyText } from "./use-copy-text";

type MessageActionsProps = {
  message: ChatMessage;
  /** Asks for this answer again; given when that may help. */
  onRegenerate?: () => void;
  /** Rates this answer; given for answers. */
  onRate?: RateAnswer;
  /** Actions of their own that a message has before these (the branch switcher, Edit). */
  children?: ReactNode;
  /** Shown without hovering too: the message has several versions, and the switcher says which is shown. */
  isAlwaysShown?: boolean;
};

/**
 * What the user can do with a finished message: copy it as Markdown, rate an answer, ask for it
 * again. With a mouse the row shows while the message is hovered or holds the focus, and while it
 * has something to say (a rating given, "Copied", a note being written); on touch it always shows.
 * Render it inside the message's `group/message`.
 */
export function MessageActions({ message, onRegenerate, onRate, children, isAlwaysShown = false }: MessageActionsProps) {
  const markdown = messageMarkdown(message);
  const { state: copyState, copy } = useCopyText();
  const feedback = message.metadata?.feedback;
  const hasSomethingToSay = isAlwaysShown || feedback !== undefined || copyState !== "idle";

  return (
    <div
      data-testid="message-actions"
      className={cx(
        "flex flex-wrap items-center gap-0.5 transition-opacity motion-reduce:transition-none",
        message.role === "user" && "justify-end",
        !hasSomethingToSay &&
          "pointer-fine:opacity-0 pointer-fine:group-hover/message:opacity-100 pointer-fine:group-focus-within/message:opacity-100 pointer-fine:has-[form]:opacity-100",
      )}
    >
      {children}
      {markdown !== "" && (
        <>
          <IconButton
            data-testid="copy-message"
            aria-label="Copy message"
            title="Copy message (Markdown)"
            onClick={() => void copy(markdown)}
            variant="muted"
            className="size-8"
            icon={copyState === "copied" ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
          />
          <span role="status" data-testid="copy-status" className={cx("text-xs", copyState === "failed" ? "text-red-700 dark:text-red-300" : "text-muted-foreground")}>
            {copyState === "copied" ? "Copied" : copyState === "failed" ? "Could not copy" : ""}
          </span>
        </>
      )}
      {onRate && <FeedbackButtons feedback={feedback} onRate={onRate} />}
      {onRegenerate && (
        <IconButton
          data-testid="regenerate-button"
          aria-label="Regenerate"
          title="Regenerate"
          onClick={onRegenerate}
          variant="muted"
          className="size-8"
          icon={<RetryIcon className="size-4" />}
        />
      )}
    </div>
  );
}
