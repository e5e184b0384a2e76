import type { Database } from "better-sqlite3";
import { type ApiKeyOwner, type ApiKeyStore, type ApiKeySummary, type NewApiKey, LAST_USED_PRECISION_MS, MAX_API_KEYS_PER_USER, apiKeyLimitReached } from "../api-key-store";

type ApiKeyRow = { id: string; name: string; prefix: string; created_at: number; last_used_at: number | null };

const toSummary = (row: ApiKeyRow): ApiKeySummary => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** Personal API keys in the `api_keys` table, one row per key, found by hash through its unique index. */
export class SqliteApiKeyStore implements ApiKeyStore {
  readonly #statements;

  constructor(database: Database) {
    this.#statements = {
      // One statement: the count and the insert are atomic, so concurrent creates cannot pass the limit.
      create: database.prepare<{ userId: string; id: string; name: string; prefix: string; hash: string; email: string | null; now: number; limit: number }, ApiKeyRow>(
        `INSERT INTO api_keys (user_id, id, name, prefix, hash, email, created_at)
         SELECT @userId, @id, @name, @prefix, @hash, @email, @now
         WHERE (SELECT count(*) FROM api_keys WHERE user_id = @userId) < @limit
         RETURNING id, name, prefix, created_at, last_used_at`,
      ),
      list: database.prepare<[string], ApiKeyRow>(
        "SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC",
      ),
      revoke: database.prepare<[string, string]>("DELETE FROM api_keys WHERE user_id = ? AND id = ?"),
      findByHash: database.prepare<[string], { user_id: string; id: string; email: string | null }>("SELECT user_id, id, email FROM api_keys WHERE hash = ?"),
      touch: database.prepare<{ userId: string; keyId: string; now: number; staleBefore: number }>(
        `UPDATE api_keys SET last_used_at = @now
         WHERE user_id = @userId AND id = @keyId AND (last_used_at IS NULL OR last_used_at <= @staleBefore)`,
      ),
    };
  }

  async create(userId: string, { id, name, prefix, hash, email, now }: NewApiKey): Promise<ApiKeySummary> {
    const row = this.#statements.create.get({ userId, id, name, prefix, hash, email: email ?? null, now, limit: MAX_API_KEYS_PER_USER });
    if (!row) throw apiKeyLimitReached();
    return toSummary(row);
  }

  async list(userId: string): Promise<ApiKeySummary[]> {
    return this.#statements.list.all(userId).map(toSummary);
  }

  async revoke(userId: string, keyId: string): Promise<boolean> {
    return this.#statements.revoke.run(userId, keyId).changes > 0;
  }

  async findByHash(hash: string): Promise<ApiKeyOwner | undefined> {
    const row = this.#statements.findByHash.get(hash);
    if (!row) return undefined;
    return { userId: row.user_id, keyId: row.id, ...(row.email === null ? {} : { email: row.email }) };
  }

  async touch(userId: string, keyId: string, now: number): Promise<void> {
    this.#statements.touch.run({ userId, keyId, now, staleBefore: now - LAST_USED_PRECISION_MS });
  }
}
