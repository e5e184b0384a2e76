import type { MouseEvent } from "react";
import { IconButton } from "@/components/ui/icon-button";
import { ArrowUpIcon, SpinnerIcon, StopIcon } from "@/components/ui/icons";

type SendOrStopButtonProps = {
  /** An answer is on its way: the button stops it. */
  isBusy: boolean;
  /** Stop was pressed and the server is ending the answer. */
  isStopping: boolean;
  /** There is a message to send. */
  canSend: boolean;
  /** Why there is none to send although text is there (too long), for the tooltip. */
  disabledReason?: string;
  onStop: (event: MouseEvent<HTMLButtonElement>) => void;
};

/** The composer's button: Send (submits the form), Stop while an answer is on its way, then Stopping… */
export function SendOrStopButton({ isBusy, isStopping, canSend, disabledReason, onStop }: SendOrStopButtonProps) {
  if (isBusy && isStopping) {
    return (
      <button
        type="button"
        data-testid="stop-button"
        data-stopping="true"
        // Not `disabled`: it stays readable by screen readers while the answer ends.
        aria-disabled="true"
        className="inline-flex h-10 shrink-0 cursor-default items-center gap-2 rounded-xl bg-muted px-3 text-sm font-medium text-muted-foreground"
      >
        <SpinnerIcon className="size-4" />
        Stopping…
      </button>
    );
  }
  if (isBusy) {
    return (
      <IconButton
        data-testid="stop-button"
        aria-label="Stop generating"
        title="Stop generating"
        onClick={onStop}
        variant="primary"
        className="size-10 shrink-0"
        icon={<StopIcon className="size-4" />}
      />
    );
  }
  return (
    <IconButton
      type="submit"
      data-testid="send-button"
      aria-label="Send message"
      title={disabledReason ?? "Send (Enter)"}
      disabled={!canSend}
      variant="primary"
      className="size-10 shrink-0"
      icon={<ArrowUpIcon className="size-5" />}
    />
  );
}
