import type { Database } from "better-sqlite3";
import {
  DEFAULT_STREAM_LEASE_MS,
  ENDED_STREAM_READABLE_MS,
  type StreamBatch,
  type StreamLog,
  type StreamLogState,
  type StreamStateStore,
} from "../stream-state-store";

type LogState = { logStreamId: string | null; logEndedAt: number | null; activeStreamId: string | null; leaseExpiresAt: number | null };

/**
 * The running answer's state in columns of the chat's row, which neither `updated_at` nor the
 * title sees. Each change of the claim is one conditional UPDATE, so two claims of one chat cannot
 * both succeed. A claim without a lease (a row from before leases) counts as expired. The live
 * answer's log is `stream_batches` (rows of the chat, deleted with it) plus the row's
 * `log_stream_id` and `log_ended_at`; changes that span both run in one transaction.
 */
export class SqliteStreamStateStore implements StreamStateStore {
  readonly leaseMs: number;
  readonly #statements;
  readonly #beginStream;
  readonly #endStream;
  readonly #appendToStream;
  readonly #readStream;

  constructor(database: Database, { leaseMs = DEFAULT_STREAM_LEASE_MS }: { leaseMs?: number } = {}) {
    this.leaseMs = leaseMs;
    const statements = {
      claimChat: database.prepare<{ userId: string; chatId: string; streamId: string; now: number; expiresAt: number }>(
        `UPDATE chats SET active_stream_id = @streamId, stop_requested_stream_id = NULL, stream_lease_expires_at = @expiresAt,
           log_stream_id = @streamId, log_ended_at = NULL
         WHERE user_id = @userId AND id = @chatId
           AND (active_stream_id IS NULL OR stream_lease_expires_at IS NULL OR stream_lease_expires_at <= @now)`,
      ),
      renewStream: database.prepare(
        "UPDATE chats SET stream_lease_expires_at = ? WHERE user_id = ? AND id = ? AND active_stream_id = ? AND stream_lease_expires_at > ?",
      ),
      // An abandoned log: never ended, and no live claim. The claim moves to the recovery; the log stays.
      claimAbandoned: database.prepare<{ userId: string; chatId: string; streamId: string; now: number; expiresAt: number }>(
        `UPDATE chats SET active_stream_id = @streamId, stop_requested_stream_id = NULL, stream_lease_expires_at = @expiresAt
         WHERE user_id = @userId AND id = @chatId AND log_stream_id IS NOT NULL AND log_ended_at IS NULL
           AND (active_stream_id IS NULL OR stream_lease_expires_at IS NULL OR stream_lease_expires_at <= @now)`,
      ),
      requestStop: database.prepare(
        `UPDATE chats SET stop_requested_stream_id = active_stream_id
         WHERE user_id = ? AND id = ? AND active_stream_id IS NOT NULL AND stream_lease_expires_at > ?`,
      ),
      isStopRequested: database.prepare<[string, string, string], { stopped: number }>(
        "SELECT 1 AS stopped FROM chats WHERE user_id = ? AND id = ? AND stop_requested_stream_id = ?",
      ),
      releaseChat: database.prepare(
        `UPDATE chats SET active_stream_id = NULL, stop_requested_stream_id = NULL, stream_lease_expires_at = NULL, log_ended_at = ?
         WHERE user_id = ? AND id = ? AND active_stream_id = ?`,
      ),
      deleteBatches: database.prepare("DELETE FROM stream_batches WHERE user_id = ? AND chat_id = ?"),
      // Logs that ended more than ENDED_STREAM_READABLE_MS ago, in every chat: no reader sees them any more.
      deleteEndedBatches: database.prepare(
        `DELETE FROM stream_batches WHERE (user_id, chat_id) IN (SELECT user_id, id FROM chats WHERE log_ended_at <= ?)`,
      ),
      forgetEndedLogs: database.prepare("UPDATE chats SET log_stream_id = NULL, log_ended_at = NULL WHERE log_ended_at <= ?"),
      logState: database.prepare<[string, string], LogState>(
        `SELECT log_stream_id AS logStreamId, log_ended_at AS logEndedAt, active_stream_id AS activeStreamId,
           stream_lease_expires_at AS leaseExpiresAt
         FROM chats WHERE user_id = ? AND id = ?`,
      ),
      batchCount: database.prepare<[string, string], { count: number }>(
        "SELECT count(*) AS count FROM stream_batches WHERE user_id = ? AND chat_id = ?",
      ),
      insertBatch: database.prepare("INSERT INTO stream_batches (user_id, chat_id, batch_index, chunks) VALUES (?, ?, ?, ?)"),
      batchesFrom: database.prepare<[string, string, number], { index: number; chunks: string }>(
        "SELECT batch_index AS 'index', chunks FROM stream_batches WHERE user_id = ? AND chat_id = ? AND batch_index >= ? ORDER BY batch_index",
      ),
    };
    this.#statements = statements;

    const sweepEndedLogs = (now: number) => {
      statements.deleteEndedBatches.run(now - ENDED_STREAM_READABLE_MS);
      statements.forgetEndedLogs.run(now - ENDED_STREAM_READABLE_MS);
    };

    // A new claim starts an empty log: the previous stream's batches (ended, or left by a process that died) go.
    this.#beginStream = database.transaction((userId: string, chatId: string, streamId: string, now: number) => {
      const claimed = statements.claimChat.run({ userId, chatId, streamId, now, expiresAt: now + leaseMs }).changes > 0;
      if (claimed) statements.deleteBatches.run(userId, chatId);
      sweepEndedLogs(now);
      return claimed;
    });

    this.#endStream = database.transaction((userId: string, chatId: string, streamId: string, now: number) => {
      statements.releaseChat.run(now, userId, chatId, streamId);
      sweepEndedLogs(now);
    });

    this.#appendToStream = database.transaction((userId: string, chatId: string, streamId: string, batch: StreamBatch, now: number) => {
      const state = statements.logState.get(userId, chatId);
      if (!state || !holdsLiveClaim(state, streamId, now)) return false;
      const { count } = statements.batchCount.get(userId, chatId) ?? { count: 0 };
      if (batch.index < count) return true;
      if (batch.index > count) throw new Error(`Batch ${batch.index} of stream ${streamId} was appended before batch ${count}.`);
      statements.insertBatch.run(userId, chatId, batch.index, JSON.stringify(batch.chunks));
      return true;
    });

    this.#readStream = database.transaction((userId: string, chatId: string, fromIndex: number, now: number): StreamLog | undefined => {
      const state = statements.logState.get(userId, chatId);
      if (!state?.logStreamId) return undefined;
      if (state.logEndedAt !== null && state.logEndedAt + ENDED_STREAM_READABLE_MS <= now) return undefined;
      const batches = statements.batchesFrom.all(userId, chatId, fromIndex).map(({ index, chunks }) => ({ index, chunks: JSON.parse(chunks) as string[] }));
      return { streamId: state.logStreamId, batches, state: logState(state, state.logStreamId, now) };
    });
  }

  // The transactions that write take the write lock when they begin (IMMEDIATE): one that read
  // first and then wrote would fail at once (SQLITE_BUSY_SNAPSHOT, no waiting) whenever another
  // process of `npm start` wrote in between; an immediate one waits its turn (busy_timeout).
  async beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#beginStream.immediate(userId, chatId, streamId, now);
  }

  async renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#statements.renewStream.run(now + this.leaseMs, userId, chatId, streamId, now).changes > 0;
  }

  async claimAbandonedStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#statements.claimAbandoned.run({ userId, chatId, streamId, now, expiresAt: now + this.leaseMs }).changes > 0;
  }

  async requestStop(userId: string, chatId: string, now = Date.now()): Promise<boolean> {
    return this.#statements.requestStop.run(userId, chatId, now).changes > 0;
  }

  async isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean> {
    return this.#statements.isStopRequested.get(userId, chatId, streamId) !== undefined;
  }

  async endStream(userId: string, chatId: string, streamId: string, now = Date.now()): Promise<void> {
    this.#endStream.immediate(userId, chatId, streamId, now);
  }

  async appendToStream(userId: string, chatId: string, streamId: string, batch: StreamBatch, now: number): Promise<boolean> {
    return this.#appendToStream.immediate(userId, chatId, streamId, batch, now);
  }

  async readStream(userId: string, chatId: string, fromIndex: number, now = Date.now()): Promise<StreamLog | undefined> {
    return this.#readStream(userId, chatId, fromIndex, now);
  }
}

/** `streamId` holds the claim and its lease has not run out: readers call its log live, and only then may it append. */
function holdsLiveClaim(state: LogState, streamId: string, now: number): boolean {
  return state.activeStreamId === streamId && state.leaseExpiresAt !== null && state.leaseExpiresAt > now;
}

function logState(state: LogState, logStreamId: string, now: number): StreamLogState {
  if (state.logEndedAt !== null) return "ended";
  return holdsLiveClaim(state, logStreamId, now) ? "live" : "abandoned";
}
