import type { Database } from "better-sqlite3";
import type { ChatMessage } from "@/lib/message/chat-message";
import { reopenInterruptedToolCalls } from "@/lib/message/interrupted-tool-call";
import type { ChatListPage, ChatSearchResult, ChatStore, ChatSummary, StoredChat } from "../chat-store";
import { decodeListCursor, encodeListCursor } from "../list-cursor";
import { sqliteChatSearch } from "./sqlite-chat-search";

type ChatRow = { id: string; title: string; created_at: number; updated_at: number };
type UnendedLogRow = { log_stream_id: string | null; log_ended_at: number | null; stream_lease_expires_at: number | null };

const toSummary = (row: ChatRow): ChatSummary => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Chats in the `chats` table; messages in `messages`, ordered by `seq` and deleted with their chat. */
export class SqliteChatStore implements ChatStore {
  readonly #database: Database;
  readonly #statements;
  readonly #search;

  constructor(database: Database) {
    this.#database = database;
    this.#search = sqliteChatSearch(database);
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
      selectLogState: database.prepare<[string, string], UnendedLogRow>(
        "SELECT log_stream_id, log_ended_at, stream_lease_expires_at FROM chats WHERE user_id = ? AND id = ?",
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
      const messages = this.#statements.selectMessages.all(userId, chatId).map(({ body }) => reopenInterruptedToolCalls(JSON.parse(body) as ChatMessage));
      const log = this.#statements.selectLogState.get(userId, chatId);
      const unendedLog =
        log?.log_stream_id && log.log_ended_at === null ? { streamId: log.log_stream_id, claimedUntil: log.stream_lease_expires_at ?? 0 } : undefined;
      return { ...toSummary(row), messages, ...(unendedLog && { unendedLog }) };
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

  async searchChats(userId: string, query: string, options: { limit: number }): Promise<ChatSearchResult> {
    return this.#search(userId, query, options);
  }
}
