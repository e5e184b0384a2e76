"use client";

import { useId } from "react";
import type { CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { useCopyText } from "@/components/chat/use-copy-text";
import { cx } from "@/components/ui/cx";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";

const secretButtonClasses = "inline-flex h-9 items-center gap-1.5 rounded-lg border border-input bg-background px-3 text-sm font-medium text-foreground hover:bg-muted";

/**
 * The new key's secret, this once: the server keeps only its hash. Copy takes the focus, since
 * copying is what the user does next; the sentence that it will not be shown again describes it.
 */
export function NewApiKeySecret({ created, onDone }: { created: CreatedApiKeyJson; onDone: () => void }) {
  const { state, copy } = useCopyText();
  const headingId = useId();
  const warningId = useId();

  return (
    <section
      data-testid="new-api-key"
      aria-labelledby={headingId}
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-50"
    >
      <h2 id={headingId} className="font-semibold">
        Your new key “{created.key.name}”
      </h2>
      <p id={warningId} className="mt-1 text-sm">
        Copy it now and keep it somewhere safe: it will not be shown again. Anyone who has it can use Parley as you.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid="new-api-key-secret"
          aria-label="The new key"
          className="min-w-0 flex-1 rounded-lg border border-emerald-300 bg-background px-3 py-2 font-mono text-sm break-all text-foreground select-all dark:border-emerald-800"
        >
          {created.secret}
        </code>
        <div className="flex shrink-0 items-center gap-2">
          <button
            type="button"
            data-testid="copy-api-key"
            onClick={() => void copy(created.secret)}
            aria-describedby={warningId}
            // What the user does next: the button has the focus as soon as the key shows.
            autoFocus
            className={secretButtonClasses}
          >
            {state === "copied" ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
            Copy key
          </button>
          <button type="button" data-testid="dismiss-new-api-key" onClick={onDone} className={secretButtonClasses}>
            Done
          </button>
        </div>
      </div>
      <p role="status" data-testid="copy-api-key-status" className={cx("mt-2 text-sm empty:hidden", state === "failed" && "text-red-700 dark:text-red-300")}>
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy: select the key and copy it yourself." : ""}
      </p>
    </section>
  );
}
