"use client";

import { IconButton } from "@/components/ui/icon-button";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";

type BranchSwitcherProps = {
  /** Which of its versions the message is (0-based), and how many there are. */
  index: number;
  count: number;
  /** Whose versions these are, for screen readers: "message" or "answer". */
  noun: string;
  /** Shows the version `offset` away (-1: the previous, +1: the next). */
  onSwitch: (offset: -1 | 1) => void;
  /** While an answer is written, or a switch is on its way. */
  disabled: boolean;
};

/**
 * ‹ 2 / 3 ›: the versions of a message that was edited, or of an answer that was regenerated. An end
 * it cannot go past stays focusable (aria-disabled), so focus never drops to the page on a switch.
 */
export function BranchSwitcher({ index, count, noun, onSwitch, disabled }: BranchSwitcherProps) {
  const button = (direction: "previous" | "next") => {
    const isEnd = direction === "previous" ? index === 0 : index === count - 1;
    const Icon = direction === "previous" ? ChevronLeftIcon : ChevronRightIcon;
    return (
      <IconButton
        variant="subtle"
        className="size-7 px-0 aria-disabled:cursor-default aria-disabled:opacity-40"
        aria-label={`${direction === "previous" ? "Previous" : "Next"} version of this ${noun}`}
        title={`${direction === "previous" ? "Previous" : "Next"} version`}
        data-testid={`branch-${direction}`}
        aria-disabled={disabled || isEnd}
        onClick={() => !(disabled || isEnd) && onSwitch(direction === "previous" ? -1 : 1)}
        icon={<Icon className="size-4" />}
      />
    );
  };
  return (
    <div role="group" aria-label={`Versions of this ${noun}`} data-testid="branch-switcher" className="inline-flex items-center gap-0.5 text-xs text-muted-foreground">
      {button("previous")}
      <span data-testid="branch-position" className="min-w-[2.5rem] text-center tabular-nums">
        {index + 1} / {count}
      </span>
      {button("next")}
    </div>
  );
}
