"use client";

import { IconButton } from "@/components/ui/icon-button";
import { AlertIcon, CloseIcon, RetryIcon, SpinnerIcon, StopIcon } from "@/components/ui/icons";
import { describeChatError } from "./chat-error";

type ErrorBannerProps = {
  error: Error;
  /** False when the answer failed in a way that asking again cannot change (it says so itself). */
  canRetry: boolean;
  /** The request was refused or never arrived: nothing of it was stored (its text is back in the composer). */
  wasRefused: boolean;
  onRetry: () => void;
  /** Stops the answer being written in this chat elsewhere (another tab), which refused this request. */
  onStopOtherAnswer: () => void;
  isStoppingOtherAnswer: boolean;
  onDismiss: () => void;
};

/** Why the last request failed, with what can be done about it: Retry when it can succeed, Stop when another answer is in the way. */
export function ErrorBanner({ error, canRetry, wasRefused, onRetry, onStopOtherAnswer, isStoppingOtherAnswer, onDismiss }: ErrorBannerProps) {
  const described = describeChatError(error);
  const { message } = described;
  const action = described.action === "retry" && !canRetry ? "none" : described.action;
  return (
    <div
      data-testid="error-banner"
      role="alert"
      className="mb-2 flex items-start gap-3 sm:items-center rounded-xl border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 sm:mt-0" />
      <div className="flex min-w-0 flex-1 flex-col items-start gap-2 sm:flex-row sm:items-center sm:gap-3">
        <p className="min-w-0 flex-1 break-words">
          <span className="font-semibold">{wasRefused ? "Not sent. " : "The answer failed. "}</span>
          {message}
        </p>
        {action === "retry" && (
          <IconButton data-testid="retry-button" onClick={onRetry} variant="alertOutline" className="shrink-0" icon={<RetryIcon className="size-3.5" />}>
            Retry
          </IconButton>
        )}
        {action === "stop" && (
          <IconButton
            data-testid="stop-other-answer-button"
            onClick={onStopOtherAnswer}
            aria-disabled={isStoppingOtherAnswer || undefined}
            variant="alertOutline"
            className="shrink-0"
            icon={isStoppingOtherAnswer ? <SpinnerIcon className="size-3.5" /> : <StopIcon className="size-3.5" />}
          >
            {isStoppingOtherAnswer ? "Stopping…" : "Stop that answer"}
          </IconButton>
        )}
      </div>
      <IconButton
        aria-label="Dismiss error"
        title="Dismiss"
        onClick={onDismiss}
        variant="alert"
        className="-mr-1 size-7 shrink-0"
        icon={<CloseIcon className="size-4" />}
      />
    </div>
  );
}
