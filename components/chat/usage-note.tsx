import type { ChatMessage } from "@/lib/message/chat-message";
import { usageTotalOf } from "@/lib/message/usage-total";
import { cx } from "@/components/ui/cx";
import { describeUsage } from "./describe-usage";

type UsageNoteProps = {
  /** The answers whose usage is told: one answer, or a whole chat's messages. */
  messages: readonly ChatMessage[];
  /** Before the numbers, e.g. "This chat: ". */
  label?: string;
  "data-testid": string;
  className?: string;
};

/** The tokens and cost of some answers, in small print; the split in its tooltip and for screen readers. */
export function UsageNote({ messages, label = "", "data-testid": testId, className }: UsageNoteProps) {
  const description = describeUsage(usageTotalOf(messages));
  if (!description) return null;
  return (
    <p data-testid={testId} title={description.details} className={cx("text-xs text-muted-foreground", className)}>
      {label}
      {description.text}
      <span className="sr-only"> ({description.details})</span>
    </p>
  );
}
