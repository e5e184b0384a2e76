import type { AnswerUsage } from "./answer-usage";
import type { ChatMessage } from "./chat-message";
import { roundDollars } from "./round-dollars";

/** The usage of some answers (a chat's, or one answer's), summed from what each stored. */
export type UsageTotal = {
  answers: number;
  /** Answers stored without usage: written before Parley recorded it. The totals leave them out. */
  answersWithoutUsage: number;
  /** Model calls of the answers, and of them those whose usage the server reported: the tokens are theirs. */
  calls: number;
  reportedCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Where any server told them. */
  reasoningTokens?: number;
  cachedInputTokens?: number;
  /** US dollars, the sum of the answers' costs; absent when none has one. */
  cost?: number;
  /** Answers with reported tokens but no cost (their model had no price): the cost leaves them out. */
  answersWithoutPrice: number;
};

/** The summed usage of the assistant messages among `messages`. */
export function usageTotalOf(messages: readonly ChatMessage[]): UsageTotal {
  const total: UsageTotal = { answers: 0, answersWithoutUsage: 0, calls: 0, reportedCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, answersWithoutPrice: 0 };
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    total.answers += 1;
    const usage = message.metadata?.usage;
    if (usage) add(total, usage);
    else total.answersWithoutUsage += 1;
  }
  total.totalTokens = total.inputTokens + total.outputTokens;
  if (total.cost !== undefined) total.cost = roundDollars(total.cost);
  return total;
}

function add(total: UsageTotal, usage: AnswerUsage): void {
  total.calls += usage.calls;
  total.reportedCalls += usage.reportedCalls;
  total.inputTokens += usage.inputTokens ?? 0;
  total.outputTokens += usage.outputTokens ?? 0;
  if (usage.reasoningTokens !== undefined) total.reasoningTokens = (total.reasoningTokens ?? 0) + usage.reasoningTokens;
  if (usage.cachedInputTokens !== undefined) total.cachedInputTokens = (total.cachedInputTokens ?? 0) + usage.cachedInputTokens;
  if (usage.cost !== undefined) total.cost = (total.cost ?? 0) + usage.cost;
  else if (usage.reportedCalls > 0) total.answersWithoutPrice += 1;
}
