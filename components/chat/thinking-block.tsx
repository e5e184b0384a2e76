"use client";

import { useId, useState } from "react";
import { ChevronDownIcon } from "@/components/ui/icons";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "./format-duration";
import { useElapsed } from "./use-elapsed";

type ThinkingBlockProps = {
  text: string;
  /** The model is writing this reasoning right now. */
  isLive: boolean;
  /** When it started (server clock) and, once it ended, how long it took. */
  timing: { startedAt: number; ms?: number } | undefined;
};

/**
 * A model's reasoning: open while it is being written, with the time so far; closed once it ends,
 * as "Thought for 4.2 s", unless the reader opened or closed it. The answer never waits for it.
 */
export function ThinkingBlock({ text, isLive, timing }: ThinkingBlockProps) {
  const [openedByReader, setOpenedByReader] = useState<boolean | undefined>(undefined);
  const isOpen = openedByReader ?? isLive;
  const contentId = useId();
  const elapsed = useElapsed(timing?.startedAt, { active: isLive, intervalMs: 200 });
  const duration = timing?.ms ?? (isLive ? elapsed : undefined);
  const label = isLive ? "Thinking…" : duration === undefined ? "Thoughts" : `Thought for ${formatDuration(duration)}`;
  return (
    <div data-testid="thinking" data-state={isLive ? "live" : "done"} className="text-sm text-muted-foreground">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={contentId}
        onClick={() => setOpenedByReader(!isOpen)}
        className="inline-flex items-center gap-1.5 rounded-md py-0.5 font-medium hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <span data-testid="thinking-label">{label}</span>
        {isLive && duration !== undefined && <span className="tabular-nums">{formatDuration(duration)}</span>}
        <ChevronDownIcon aria-hidden="true" className={cx("size-4 transition-transform motion-reduce:transition-none", isOpen && "rotate-180")} />
      </button>
      <div
        id={contentId}
        data-testid="thinking-text"
        hidden={!isOpen}
        className="mt-1.5 border-l-2 border-border pl-3 leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]"
      >
        {text}
      </div>
    </div>
  );
}
