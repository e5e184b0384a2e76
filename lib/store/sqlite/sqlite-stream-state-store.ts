import type { Database } from "better-sqlite3";
import type { StreamStateStore } from "../stream-state-store";

/** The running answer's state in two columns of the chat's row, which neither `updated_at` nor the title sees. */
export class SqliteStreamStateStore implements StreamStateStore {
  readonly #statements;

  constructor(database: Database) {
    this.#statements = {
      beginStream: database.prepare(
        "UPDATE chats SET active_stream_id = ?, stop_requested_stream_id = NULL WHERE user_id = ? AND id = ?",
      ),
      requestStop: database.prepare(
        "UPDATE chats SET stop_requested_stream_id = active_stream_id WHERE user_id = ? AND id = ? AND active_stream_id IS NOT NULL",
      ),
      isStopRequested: database.prepare<[string, string, string], { stopped: number }>(
        "SELECT 1 AS stopped FROM chats WHERE user_id = ? AND id = ? AND stop_requested_stream_id = ?",
      ),
      endStream: database.prepare(
        "UPDATE chats SET active_stream_id = NULL, stop_requested_stream_id = NULL WHERE user_id = ? AND id = ? AND active_stream_id = ?",
      ),
    };
  }

  async beginStream(userId: string, chatId: string, streamId: string): Promise<void> {
    this.#statements.beginStream.run(streamId, userId, chatId);
  }

  async requestStop(userId: string, chatId: string): Promise<boolean> {
    return this.#statements.requestStop.run(userId, chatId).changes > 0;
  }

  async isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean> {
    return this.#statements.isStopRequested.get(userId, chatId, streamId) !== undefined;
  }

  async endStream(userId: string, chatId: string, streamId: string): Promise<void> {
    this.#statements.endStream.run(userId, chatId, streamId);
  }
}
