/**
 * Per-user counters for quotas, kept in the store so every server instance sees the same counts.
 * Both writes are atomic: concurrent increments never let more than `limit` through. A counter is
 * identified by a key that names its window (e.g. "messages:2026-11-21T09:41"); it may be
 * forgotten after `expiresAt` (epoch milliseconds). Two adapters (SQLite, DynamoDB) pass one
 * contract suite (`test/support/usage-counters-contract.ts`).
 */
export interface UsageCounters {
  /** Adds 1 if the count stays within `limit`; the new count, or undefined when the limit was reached. */
  incrementWithinLimit(userId: string, counter: { key: string; limit: number; expiresAt: number }): Promise<number | undefined>;

  /** Adds `amount` (no limit: usage that already happened); the new count. */
  addUsage(userId: string, counter: { key: string; amount: number; expiresAt: number }): Promise<number>;

  /** The current count, 0 for a counter never written or already expired. */
  readUsage(userId: string, key: string, now: number): Promise<number>;
}
