import type { UsageTotal } from "@/lib/message/usage-total";
import { formatCost, formatCount, formatTokens } from "./format-usage";

export type UsageDescription = {
  /** Short, for beside the model's name: "1,234 tokens · $0.0012". */
  text: string;
  /** The split and what is not known, for the tooltip and screen readers. */
  details: string;
};

/**
 * What a usage note says about some answers' usage, never more than was reported: "usage not
 * reported" where no call reported any, "at least" where some did not. Undefined when there is
 * nothing to tell (no model call, or answers stored before usage was recorded).
 */
export function describeUsage(total: UsageTotal): UsageDescription | undefined {
  if (total.calls === 0) return undefined;
  if (total.reportedCalls === 0) {
    return { text: "usage not reported", details: "No token counts were reported: the model server does not send them, or the answer ended before it did." };
  }
  const partialTokens = total.reportedCalls < total.calls || total.answersWithoutUsage > 0;
  const partialCost = !partialTokens && total.answersWithoutPrice > 0;
  const cost = total.cost === undefined ? "" : ` · ${partialCost ? "at least " : ""}${formatCost(total.cost)}`;
  return {
    text: `${partialTokens ? "at least " : ""}${formatTokens(total.totalTokens)}${cost}`,
    details: [split(total), ...gaps(total)].join("; "),
  };
}

/** "1,000 tokens in (200 cached), 234 tokens out (100 reasoning)". */
function split({ inputTokens, outputTokens, cachedInputTokens, reasoningTokens }: UsageTotal): string {
  const cached = cachedInputTokens ? ` (${formatCount(cachedInputTokens)} cached)` : "";
  const reasoning = reasoningTokens ? ` (${formatCount(reasoningTokens)} reasoning)` : "";
  return `${formatTokens(inputTokens)} in${cached}, ${formatTokens(outputTokens)} out${reasoning}`;
}

/** What the numbers leave out. */
function gaps(total: UsageTotal): string[] {
  const gaps: string[] = [];
  const unreported = total.calls - total.reportedCalls;
  if (unreported > 0) gaps.push(`left out: ${unreported} of ${total.calls} model calls, which reported no tokens`);
  if (total.answersWithoutUsage > 0) gaps.push(`left out: ${count(total.answersWithoutUsage, "earlier answer")}, stored without usage`);
  if (total.cost === undefined) gaps.push("no price configured for the model");
  else if (total.answersWithoutPrice > 0) gaps.push(`no cost for ${count(total.answersWithoutPrice, "answer")} of a model without a price`);
  return gaps;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? "" : "s"}`;
}
