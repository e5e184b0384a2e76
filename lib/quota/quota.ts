import type { UsageCounters } from "@/lib/store/usage-counters";
import { AnswerTokens } from "./answer-tokens";
import { estimateFirstCall, type FirstCall } from "./first-call-estimate";
import { dailyTokensError, quotaError } from "./quota-error";
import { messagesWindow } from "./quota-windows";

export type QuotaLimits = {
  /** Messages a user may send per minute (a fixed window, the clock's minute); 0 = no limit. */
  messagesPerMinute: number;
  /** Model tokens a user may use per day (UTC); 0 = no limit. */
  dailyTokenBudget: number;
};

/**
 * Takes one message from the user's allowance, with a reservation of tokens for the answer's first
 * model call, or throws the rate-limited error saying when they can continue. The tokens come
 * first, so a request refused for tokens does not use up a message; a request refused for
 * messages gives its tokens back. The model is never called for a refused request. Returns how
 * the answer uses the token budget (none when there is no budget).
 */
export async function takeMessageAllowance(
  counters: UsageCounters,
  userId: string,
  limits: QuotaLimits,
  { now, ...firstCall }: FirstCall & { now: () => number },
): Promise<AnswerTokens | undefined> {
  let tokens: AnswerTokens | undefined;
  if (limits.dailyTokenBudget > 0) {
    const budget = { counters, userId, dailyTokens: limits.dailyTokenBudget, now };
    tokens = await AnswerTokens.admit(budget, await estimateFirstCall(firstCall));
    if (!tokens) throw dailyTokensError(limits.dailyTokenBudget, now());
  }
  if (limits.messagesPerMinute > 0) {
    const time = now();
    const window = messagesWindow(time);
    const count = await counters.addWithinLimit(userId, { key: window.key, amount: 1, limit: limits.messagesPerMinute, expiresAt: window.expiresAt }, time);
    if (count === undefined) {
      await tokens?.settle();
      const messages = limits.messagesPerMinute === 1 ? "message" : "messages";
      throw quotaError(`You can send ${limits.messagesPerMinute} ${messages} a minute.`, window.endsAt, time);
    }
  }
  return tokens;
}
