import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ChatListPage, ChatStore, ChatSummary, StoredChat } from "../chat-store";
import { decodeListCursor, encodeListCursor } from "../list-cursor";
import { migrate } from "./migrations";

type ChatRow = { id: string; title: string; created_at: number; updated_at: number };

const toSummary = (row: ChatRow): ChatSummary => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * The embedded default: one SQLite file (WAL mode), created and migrated on first use. better-sqlite3
 * is synchronous; each method is one short statement or transaction, so the event loop is held for
 * microseconds, and concurrent requests in one process never interleave inside a write.
 */
export class SqliteChatStore implements ChatStore {
  readonly #database: Database.Database;
  readonly #statements;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.#database = new Database(file);
    this.#database.pragma("journal_mode = WAL");
    this.#database.pragma("synchronous = NORMAL");
    this.#database.pragma("foreign_keys = ON");
    this.#database.pragma("busy_timeout = 5000");
    migrate(this.#database);

    const database = this.#database;
    this.#statements = {
      insertChat: database.prepare(
        "INSERT INTO chats (user_id, id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      isChatIdTaken: database.prepare<[string, string], { taken: number }>(
        "SELECT 1 AS taken FROM chats WHERE id = ? AND user_id != ? LIMIT 1",
      ),
      selectChat: database.prepare<[string, string], ChatRow>(
        "SELECT id, title, created_at, updated_at FROM chats WHERE user_id = ? AND id = ?",
      ),
      selectMessages: database.prepare<[string, string], { body: string }>(
        "SELECT body FROM messages WHERE user_id = ? AND chat_id = ? ORDER BY seq",
      ),
      listFirstPage: database.prepare<[string, number], ChatRow>(
        "SELECT id, title, created_at, updated_at FROM chats WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
      ),
      listAfter: database.prepare<[string, number, number, string, number], ChatRow>(
        `SELECT id, title, created_at, updated_at FROM chats
         WHERE user_id = ? AND (updated_at < ? OR (updated_at = ? AND id < ?))
         ORDER BY updated_at DESC, id DESC LIMIT ?`,
      ),
      upsertMessage: database.prepare(
        `INSERT INTO messages (user_id, chat_id, id, seq, body)
         VALUES (@userId, @chatId, @id,
           (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE user_id = @userId AND chat_id = @chatId), @body)
         ON CONFLICT (user_id, chat_id, id) DO UPDATE SET body = excluded.body`,
      ),
      touchChat: database.prepare("UPDATE chats SET updated_at = MAX(updated_at, ?) WHERE user_id = ? AND id = ?"),
      deleteMessagesAfter: database.prepare(
        `DELETE FROM messages WHERE user_id = @userId AND chat_id = @chatId
         AND seq > (SELECT seq FROM messages WHERE user_id = @userId AND chat_id = @chatId AND id = @messageId)`,
      ),
      renameChat: database.prepare("UPDATE chats SET title = ? WHERE user_id = ? AND id = ?"),
      deleteChat: database.prepare("DELETE FROM chats WHERE user_id = ? AND id = ?"),
      beginStream: database.prepare(
        "UPDATE chats SET active_stream_id = ?, stop_requested_stream_id = NULL WHERE user_id = ? AND id = ?",
      ),
      requestStop: database.prepare(
        "UPDATE chats SET stop_requested_stream_id = active_stream_id WHERE user_id = ? AND id = ? AND active_stream_id IS NOT NULL",
      ),
      isStopRequested: database.prepare<[string, string, string], { stopped: number }>(
        "SELECT 1 AS stopped FROM chats WHERE user_id = ? AND id = ? AND stop_requested_stream_id = ?",
      ),
      incrementWithin: database.prepare<[string, string, number, number], { count: number }>(
        `INSERT INTO usage_counters (user_id, key, count, expires_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (user_id, key) DO UPDATE SET count = count + 1 WHERE count < ?
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
      endStream: database.prepare(
        "UPDATE chats SET active_stream_id = NULL, stop_requested_stream_id = NULL WHERE user_id = ? AND id = ? AND active_stream_id = ?",
      ),
    };
  }

  async ensureChat(userId: string, chat: { id: string; title: string; now: number }): Promise<ChatSummary | undefined> {
    const { insertChat, selectChat, isChatIdTaken } = this.#statements;
    const ensure = this.#database.transaction(() => {
      if (isChatIdTaken.get(chat.id, userId)) return undefined;
      insertChat.run(userId, chat.id, chat.title, chat.now, chat.now);
      const row = selectChat.get(userId, chat.id);
      if (!row) throw new Error("The chat vanished right after it was created.");
      return toSummary(row);
    });
    return ensure.immediate();
  }

  async getChat(userId: string, chatId: string): Promise<StoredChat | undefined> {
    const read = this.#database.transaction(() => {
      const row = this.#statements.selectChat.get(userId, chatId);
      if (!row) return undefined;
      const messages = this.#statements.selectMessages.all(userId, chatId).map(({ body }) => JSON.parse(body) as ChatMessage);
      return { ...toSummary(row), messages };
    });
    return read();
  }

  async getChatSummary(userId: string, chatId: string): Promise<ChatSummary | undefined> {
    const row = this.#statements.selectChat.get(userId, chatId);
    return row ? toSummary(row) : undefined;
  }

  async listChats(userId: string, { cursor, limit }: { cursor?: string; limit: number }): Promise<ChatListPage> {
    const { listFirstPage, listAfter } = this.#statements;
    const after = cursor === undefined ? undefined : decodeListCursor(cursor);
    // One extra row tells whether another page follows.
    const rows = after
      ? listAfter.all(userId, after.updatedAt, after.updatedAt, after.id, limit + 1)
      : listFirstPage.all(userId, limit + 1);
    const page = rows.slice(0, limit).map(toSummary);
    const last = page.at(-1);
    return { chats: page, nextCursor: rows.length > limit && last ? encodeListCursor({ updatedAt: last.updatedAt, id: last.id }) : null };
  }

  async saveMessage(userId: string, chatId: string, message: ChatMessage, now: number): Promise<boolean> {
    const save = this.#database.transaction(() => {
      if (!this.#statements.selectChat.get(userId, chatId)) return false;
      this.#statements.upsertMessage.run({ userId, chatId, id: message.id, body: JSON.stringify(message) });
      this.#statements.touchChat.run(now, userId, chatId);
      return true;
    });
    return save.immediate();
  }

  async deleteMessagesAfter(userId: string, chatId: string, messageId: string): Promise<void> {
    this.#statements.deleteMessagesAfter.run({ userId, chatId, messageId });
  }

  async renameChat(userId: string, chatId: string, title: string): Promise<ChatSummary | undefined> {
    const rename = this.#database.transaction(() => {
      if (this.#statements.renameChat.run(title, userId, chatId).changes === 0) return undefined;
      const row = this.#statements.selectChat.get(userId, chatId);
      return row ? toSummary(row) : undefined;
    });
    return rename.immediate();
  }

  async deleteChat(userId: string, chatId: string): Promise<boolean> {
    return this.#statements.deleteChat.run(userId, chatId).changes > 0;
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

  async incrementWithin(userId: string, { key, limit, expiresAt }: { key: string; limit: number; expiresAt: number }): Promise<number | undefined> {
    // One statement: SQLite runs it atomically, so concurrent requests cannot both take the last unit.
    const row = this.#statements.incrementWithin.get(userId, key, expiresAt, limit);
    return row && row.count <= limit ? row.count : undefined;
  }

  async add(userId: string, { key, amount, expiresAt }: { key: string; amount: number; expiresAt: number }): Promise<number> {
    const row = this.#statements.addUsage.get(userId, key, amount, expiresAt, amount);
    return row?.count ?? amount;
  }

  async read(userId: string, key: string, now: number): Promise<number> {
    // Reads are rare (once per message): a good moment to drop this user's old windows.
    this.#statements.forgetExpiredUsage.run(userId, now);
    return this.#statements.readUsage.get(userId, key, now)?.count ?? 0;
  }

  async close(): Promise<void> {
    if (this.#database.open) this.#database.close();
  }
}
