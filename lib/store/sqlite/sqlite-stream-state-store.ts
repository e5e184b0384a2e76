import type { Database } from "better-sqlite3";
import { STREAM_LEASE_MS, type StreamStateStore } from "../stream-state-store";

/**
 * The running answer's state in three columns of the chat's row, which neither `updated_at` nor the
 * title sees. Each change is one conditional UPDATE, so two claims of one chat cannot both succeed.
 * A claim without a lease (a row from before leases) counts as expired.
 */
export class SqliteStreamStateStore implements StreamStateStore {
  readonly #statements;

  constructor(database: Database) {
    this.#statements = {
      beginStream: database.prepare<{ userId: string; chatId: string; streamId: string; now: number; expiresAt: number }>(
        `UPDATE chats SET active_stream_id = @streamId, stop_requested_stream_id = NULL, stream_lease_expires_at = @expiresAt
         WHERE user_id = @userId AND id = @chatId
           AND (active_stream_id IS NULL OR stream_lease_expires_at IS NULL OR stream_lease_expires_at <= @now)`,
      ),
      renewStream: database.prepare(
        "UPDATE chats SET stream_lease_expires_at = ? WHERE user_id = ? AND id = ? AND active_stream_id = ?",
      ),
      requestStop: database.prepare(
        `UPDATE chats SET stop_requested_stream_id = active_stream_id
         WHERE user_id = ? AND id = ? AND active_stream_id IS NOT NULL AND stream_lease_expires_at > ?`,
      ),
      isStopRequested: database.prepare<[string, string, string], { stopped: number }>(
        "SELECT 1 AS stopped FROM chats WHERE user_id = ? AND id = ? AND stop_requested_stream_id = ?",
      ),
      endStream: database.prepare(
        `UPDATE chats SET active_stream_id = NULL, stop_requested_stream_id = NULL, stream_lease_expires_at = NULL
         WHERE user_id = ? AND id = ? AND active_stream_id = ?`,
      ),
    };
  }

  async beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#statements.beginStream.run({ userId, chatId, streamId, now, expiresAt: now + STREAM_LEASE_MS }).changes > 0;
  }

  async renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#statements.renewStream.run(now + STREAM_LEASE_MS, userId, chatId, streamId).changes > 0;
  }

  async requestStop(userId: string, chatId: string, now = Date.now()): Promise<boolean> {
    return this.#statements.requestStop.run(userId, chatId, now).changes > 0;
  }

  async isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean> {
    return this.#statements.isStopRequested.get(userId, chatId, streamId) !== undefined;
  }

  async endStream(userId: string, chatId: string, streamId: string): Promise<void> {
    this.#statements.endStream.run(userId, chatId, streamId);
  }
}
