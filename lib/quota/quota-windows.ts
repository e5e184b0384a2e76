// The windows quotas count in, by the clock (UTC): a message in its minute, a token in its day.
// Each counter's key names its window, so a new window starts a new counter.

const MINUTE = 60_000;
const DAY = 86_400_000;

export type CounterWindow = {
  key: string;
  /** When the window ends and the user can continue (epoch milliseconds). */
  endsAt: number;
  /** When the store may forget the counter: a while after the window ends, for answers still settling. */
  expiresAt: number;
};

export function messagesWindow(now: number): CounterWindow {
  const start = Math.floor(now / MINUTE) * MINUTE;
  return { key: `messages:${new Date(start).toISOString().slice(0, 16)}`, endsAt: start + MINUTE, expiresAt: start + 2 * MINUTE };
}

export function tokensWindow(now: number): CounterWindow {
  const start = Math.floor(now / DAY) * DAY;
  return { key: `tokens:${new Date(start).toISOString().slice(0, 10)}`, endsAt: start + DAY, expiresAt: start + 2 * DAY };
}
