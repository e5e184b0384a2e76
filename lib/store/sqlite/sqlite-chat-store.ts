import type { Database } from "better-sqlite3";
import type { ChatMessage } from "@/lib/message/chat-message";
import { reopenInterruptedToolCalls } from "@/lib/message/interrupted-tool-call";
import { arrangeConversation } from "@/lib/message/message-tree";
import { branchSwitchRefused } from "../branch-switch-refused";
import type { ChatListPage, ChatSearchResult, ChatStore, ChatSummary, StoredChat } from "../chat-store";
import { decodeListCursor, encodeListCursor } from "../list-cursor";
import { sqliteChatSearch } from "./sqlite-chat-search";

type ChatRow = { id: string; title: string; created_at: number; updated_at: number };
type MessageRow = { id: string; parent_id: string | null; body: string };
type UnendedLogRow = { log_stream_id: string | null; log_ended_at: number | null; stream_lease_expires_at: number | null };

const toSummary = (row: ChatRow): ChatSummary => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Chats in the `chats` table; messages in `messages`, ordered by `seq` (the order they were first
 * stored), each naming its parent, and deleted with their chat. A chat names its active leaf.
 */
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
      selectMessages: database.prepare<[string, string], MessageRow>(
        "SELECT id, parent_id, body FROM messages WHERE user_id = ? AND chat_id = ? ORDER BY seq",
      ),
      selectActiveLeaf: database.prepare<[string, string], { active_leaf_id: string | null }>(
        "SELECT active_leaf_id FROM chats WHERE user_id = ? AND id = ?",
      ),
      hasMessage: database.prepare<[string, string, string], { found: number }>(
        "SELECT 1 AS found FROM messages WHERE user_id = ? AND chat_id = ? AND id = ?",
      ),
      listFirstPage: database.prepare<[string, number], ChatRow>(
        "SELECT id, title, created_at, updated_at FROM chats WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
      ),
      listAfter: database.prepare<[string, number, number, string, number], ChatRow>(
        `SELECT id, title, created_at, updated_at FROM chats
         WHERE user_id = ? AND (updated_at < ? OR (updated_at = ? AND id < ?))
         ORDER BY updated_at DESC, id DESC LIMIT ?`,
      ),
      insertMessage: database.prepare(
        `INSERT INTO messages (user_id, chat_id, id, seq, body, parent_id)
         VALUES (@userId, @chatId, @id,
           (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE user_id = @userId AND chat_id = @chatId), @body, @parentId)`,
      ),
      replaceMessage: database.prepare("UPDATE messages SET body = @body WHERE user_id = @userId AND chat_id = @chatId AND id = @id"),
      setActiveLeaf: database.prepare("UPDATE chats SET active_leaf_id = ? WHERE user_id = ? AND id = ?"),
      // As in the stream state store: a claim without a lease counts as expired.
      switchActiveLeaf: database.prepare<{ userId: string; chatId: string; messageId: string; streamId: string | null; now: number }>(
        `UPDATE chats SET active_leaf_id = @messageId
         WHERE user_id = @userId AND id = @chatId
           AND (active_stream_id IS NULL OR active_stream_id = @streamId OR stream_lease_expires_at IS NULL OR stream_lease_expires_at <= @now)`,
      ),
      touchChat: database.prepare("UPDATE chats SET updated_at = MAX(updated_at, ?) WHERE user_id = ? AND id = ?"),
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
      const entries = this.#statements.selectMessages.all(userId, chatId).map((message) => ({
        message: reopenInterruptedToolCalls(JSON.parse(message.body) as ChatMessage),
        parentId: message.parent_id,
      }));
      const conversation = arrangeConversation(entries, this.#statements.selectActiveLeaf.get(userId, chatId)?.active_leaf_id ?? undefined);
      const log = this.#statements.selectLogState.get(userId, chatId);
      const unendedLog =
        log?.log_stream_id && log.log_ended_at === null ? { streamId: log.log_stream_id, claimedUntil: log.stream_lease_expires_at ?? 0 } : undefined;
      return { ...toSummary(row), ...conversation, ...(unendedLog && { unendedLog }) };
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

  async saveMessage(userId: string, chatId: string, message: ChatMessage, now: number, parentId?: string | null): Promise<boolean> {
    const { selectActiveLeaf, hasMessage, insertMessage, replaceMessage, setActiveLeaf, touchChat } = this.#statements;
    const save = this.#database.transaction(() => {
      const chat = selectActiveLeaf.get(userId, chatId);
      if (!chat) return false;
      const row = { userId, chatId, id: message.id, body: JSON.stringify(message) };
      if (hasMessage.get(userId, chatId, message.id)) {
        replaceMessage.run(row);
      } else {
        insertMessage.run({ ...row, parentId: parentId === undefined ? this.#lastOfActivePath(userId, chatId, chat.active_leaf_id) : parentId });
        setActiveLeaf.run(message.id, userId, chatId);
      }
      touchChat.run(now, userId, chatId);
      return true;
    });
    return save.immediate();
  }

  async setActiveLeaf(userId: string, chatId: string, messageId: string, { streamId, now = Date.now() }: { streamId?: string; now?: number } = {}): Promise<boolean> {
    const { hasMessage, switchActiveLeaf } = this.#statements;
    const switchBranch = this.#database.transaction(() => {
      if (!hasMessage.get(userId, chatId, messageId)) return false;
      // The chat has the message, so an update that changed nothing met a live claim.
      if (switchActiveLeaf.run({ userId, chatId, messageId, streamId: streamId ?? null, now }).changes === 0) throw branchSwitchRefused();
      return true;
    });
    return switchBranch.immediate();
  }

  /** The active leaf, or for a chat that has none the message stored last (see the migration to trees). */
  #lastOfActivePath(userId: string, chatId: string, activeLeafId: string | null): string | null {
    if (activeLeafId !== null) return activeLeafId;
    return this.#statements.selectMessages.all(userId, chatId).at(-1)?.id ?? null;
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
