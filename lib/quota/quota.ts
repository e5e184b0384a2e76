import type { UsageCounters } from "@/lib/store/usage-counters";

export type QuotaLimits = {
  /** Messages a user may send per minute (a fixed window, the clock's minute); 0 = no limit. */
  messagesPerMinute: number;
  /** Model tokens a user may use per day (UTC); 0 = no limit. */
  dailyTokenBudget: number;
};

export type QuotaDenial = {
  reason: "messages_per_minute" | "daily_tokens";
  /** When the user can continue (epoch milliseconds). */
  retryAt: number;
  retryAfterSeconds: number;
  message: string;
};

const MINUTE = 60_000;
const DAY = 86_400_000;

const minuteWindow = (now: number) => Math.floor(now / MINUTE) * MINUTE;
const dayWindow = (now: number) => Math.floor(now / DAY) * DAY;
const messagesKey = (now: number) => `messages:${new Date(minuteWindow(now)).toISOString().slice(0, 16)}`;
const tokensKey = (now: number) => `tokens:${new Date(dayWindow(now)).toISOString().slice(0, 10)}`;

/**
 * Takes one message from the user's allowance, or says when they can continue. The token budget
 * is checked first (a read), so a request refused for tokens does not use up a message.
 * The model is never called for a refused request.
 */
export async function takeMessageAllowance(
  counters: UsageCounters,
  userId: string,
  limits: QuotaLimits,
  now: number,
): Promise<QuotaDenial | undefined> {
  if (limits.dailyTokenBudget > 0) {
    const used = await counters.readUsage(userId, tokensKey(now), now);
    if (used >= limits.dailyTokenBudget) {
      const retryAt = dayWindow(now) + DAY;
      return denial("daily_tokens", retryAt, now, `You have used today's budget of ${formatCount(limits.dailyTokenBudget)} tokens.`);
    }
  }
  if (limits.messagesPerMinute > 0) {
    const windowEnd = minuteWindow(now) + MINUTE;
    const count = await counters.addWithinLimit(
      userId,
      { key: messagesKey(now), amount: 1, limit: limits.messagesPerMinute, expiresAt: windowEnd + MINUTE },
      now,
    );
    if (count === undefined) {
      const messages = limits.messagesPerMinute === 1 ? "message" : "messages";
      return denial("messages_per_minute", windowEnd, now, `You can send ${limits.messagesPerMinute} ${messages} a minute.`);
    }
  }
  return undefined;
}

/** Counts the tokens an answer used against the user's daily budget (after the answer: usage that happened). */
export async function recordTokensUsed(counters: UsageCounters, userId: string, tokens: number, now: number): Promise<void> {
  if (!Number.isFinite(tokens) || tokens <= 0) return;
  await counters.addUsage(userId, { key: tokensKey(now), amount: Math.round(tokens), expiresAt: dayWindow(now) + 2 * DAY });
}

function denial(reason: QuotaDenial["reason"], retryAt: number, now: number, limitText: string): QuotaDenial {
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return { reason, retryAt, retryAfterSeconds, message: `${limitText} You can continue ${describeWait(retryAfterSeconds)}.` };
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `in ${hours} h${rest > 0 ? ` ${rest} min` : ""} (at midnight UTC)`;
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US").replaceAll(",", " ");
}
