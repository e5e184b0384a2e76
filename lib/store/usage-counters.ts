/**
 * Per-user counters for quotas, kept in the store so every server instance sees the same counts.
 * Both writes are atomic: concurrent additions never let more through than `limit` allows. A
 * counter is identified by a key that names its window (e.g. "messages:2026-11-21T09:41"); it may
 * be forgotten after `expiresAt` (epoch milliseconds). Two adapters (SQLite, DynamoDB) pass one
 * contract suite (`test/support/usage-counters-contract.ts`).
 */
export interface UsageCounters {
  /**
   * Adds `amount` if the count is still below `limit` (a positive number): the new count, or
   * undefined when the limit was reached. The count may end above the limit by less than `amount`:
   * a message counts 1, a token reservation its whole estimate. `now` lets an adapter forget
   * expired counters.
   */
  addWithinLimit(userId: string, counter: { key: string; amount: number; limit: number; expiresAt: number }, now: number): Promise<number | undefined>;

  /** Adds `amount` without a limit: usage that happened, or (negative) a reservation given back; the new count. */
  addUsage(userId: string, counter: { key: string; amount: number; expiresAt: number }): Promise<number>;

  /** The current count, 0 for a counter never written or already expired. */
  readUsage(userId: string, key: string, now: number): Promise<number>;
}
