import type { Database } from "better-sqlite3";
import type { UsageCounters } from "../usage-counters";

/** Quota counters in the `usage_counters` table, one row per user and counter key. */
export class SqliteUsageCounters implements UsageCounters {
  readonly #statements;

  constructor(database: Database) {
    this.#statements = {
      addWithinLimit: database.prepare<{ userId: string; key: string; amount: number; limit: number; expiresAt: number }, { count: number }>(
        `INSERT INTO usage_counters (user_id, key, count, expires_at) VALUES (@userId, @key, @amount, @expiresAt)
         ON CONFLICT (user_id, key) DO UPDATE SET count = count + @amount WHERE count < @limit
         RETURNING count`,
      ),
      addUsage: database.prepare<[string, string, number, number, number], { count: number }>(
        `INSERT INTO usage_counters (user_id, key, count, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, key) DO UPDATE SET count = count + ?
         RETURNING count`,
      ),
      readUsage: database.prepare<[string, string, number], { count: number }>(
        "SELECT count FROM usage_counters WHERE user_id = ? AND key = ? AND expires_at > ?",
      ),
      forgetExpiredUsage: database.prepare("DELETE FROM usage_counters WHERE user_id = ? AND expires_at <= ?"),
    };
  }

  async addWithinLimit(
    userId: string,
    { key, amount, limit, expiresAt }: { key: string; amount: number; limit: number; expiresAt: number },
    now: number,
  ): Promise<number | undefined> {
    // Once per message or model call: a good moment to drop this user's old windows.
    this.#statements.forgetExpiredUsage.run(userId, now);
    // One statement: SQLite runs it atomically, so concurrent requests cannot both pass the limit.
    return this.#statements.addWithinLimit.get({ userId, key, amount, limit, expiresAt })?.count;
  }

  async addUsage(userId: string, { key, amount, expiresAt }: { key: string; amount: number; expiresAt: number }): Promise<number> {
    const row = this.#statements.addUsage.get(userId, key, amount, expiresAt, amount);
    return row?.count ?? amount;
  }

  async readUsage(userId: string, key: string, now: number): Promise<number> {
    return this.#statements.readUsage.get(userId, key, now)?.count ?? 0;
  }
}
