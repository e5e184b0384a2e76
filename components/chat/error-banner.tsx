"use client";

import { IconButton } from "@/components/ui/icon-button";
import { AlertIcon, CloseIcon, RetryIcon } from "@/components/ui/icons";

type ErrorBannerProps = {
  error: Error;
  onRetry: () => void;
  onDismiss: () => void;
};

/** Why the last answer failed, with a way to try again. */
export function ErrorBanner({ error, onRetry, onDismiss }: ErrorBannerProps) {
  return (
    <div
      data-testid="error-banner"
      role="alert"
      className="mb-2 flex items-start gap-3 sm:items-center rounded-xl border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 sm:mt-0" />
      <div className="flex min-w-0 flex-1 flex-col items-start gap-2 sm:flex-row sm:items-center sm:gap-3">
        <p className="min-w-0 flex-1 break-words">
          <span className="font-semibold">The answer failed. </span>
          {describeChatError(error)}
        </p>
        <IconButton data-testid="retry-button" onClick={onRetry} variant="alertOutline" className="shrink-0" icon={<RetryIcon className="size-3.5" />}>
          Retry
        </IconButton>
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

/**
 * The readable part of a chat error: the server's `{ error: { message } }` body for a rejected
 * request, a plain sentence for a network failure, the stream's error text otherwise.
 */
function describeChatError(error: Error): string {
  const message = error.message.trim();
  const fromBody = messageFromJsonBody(message);
  if (fromBody) return fromBody;
  if (/failed to fetch|networkerror|load failed|network request failed/i.test(message)) {
    return "The server could not be reached. Check your connection and try again.";
  }
  return message || "Something went wrong.";
}

function messageFromJsonBody(text: string): string | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
    const { error } = body;
    if (typeof error === "string") return error;
    if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
      return error.message;
    }
  } catch {
    // Not JSON after all: show the text as it is.
  }
  return undefined;
}
