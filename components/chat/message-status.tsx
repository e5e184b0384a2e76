"use client";

import type { MessageMetadata } from "@/lib/message/message-metadata";
import { cx } from "@/components/ui/cx";
import { IconButton } from "@/components/ui/icon-button";
import { AlertIcon, RetryIcon, StopCircleIcon } from "@/components/ui/icons";

type AnswerStatus = NonNullable<MessageMetadata["status"]>;

type MessageStatusProps = {
  status: AnswerStatus;
  errorText: string | undefined;
  /** The error banner below already says why it failed (and offers Retry): a short mark is enough. */
  isFailureInBanner: boolean;
  onRegenerate: (() => void) | undefined;
};

/** How an unfinished answer ended — stopped, or failed and why — with a way to answer again. */
export function MessageStatus({ status, errorText, isFailureInBanner, onRegenerate }: MessageStatusProps) {
  const isFailed = status === "failed";
  const isShort = !isFailed || isFailureInBanner || !errorText;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5">
      <p
        data-testid="message-status"
        data-status={status}
        className={cx(
          "inline-flex max-w-full items-start gap-1.5 border px-2 py-0.5 text-xs font-medium",
          isShort ? "rounded-full" : "rounded-lg py-1",
          isFailed
            ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
            : "border-border bg-muted text-muted-foreground",
        )}
      >
        {isFailed ? <AlertIcon className="mt-px size-3.5 shrink-0" /> : <StopCircleIcon className="mt-px size-3.5 shrink-0" />}
        <span className="min-w-0 break-words">
          {!isFailed ? "Stopped" : isShort ? "This answer failed" : `This answer failed: ${errorText}`}
        </span>
      </p>
      {onRegenerate && !isFailureInBanner && (
        <IconButton data-testid="regenerate-button" onClick={onRegenerate} variant="subtle" className="min-h-7" icon={<RetryIcon className="size-3.5" />}>
          Regenerate
        </IconButton>
      )}
    </div>
  );
}
