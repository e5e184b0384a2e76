import type { Database } from "better-sqlite3";
import type { ConversationIndex, ConversationPlace } from "../conversation-index";

/** The `conversation_index` table: a row per user and digest, deleted with its chat. */
export class SqliteConversationIndex implements ConversationIndex {
  readonly #statements;

  constructor(database: Database) {
    this.#statements = {
      find: database.prepare<[string, string], { chat_id: string; message_id: string }>(
        "SELECT chat_id, message_id FROM conversation_index WHERE user_id = ? AND key = ?",
      ),
      remember: database.prepare(
        `INSERT INTO conversation_index (user_id, key, chat_id, message_id) VALUES (@userId, @key, @chatId, @messageId)
         ON CONFLICT (user_id, key) DO UPDATE SET chat_id = @chatId, message_id = @messageId`,
      ),
    };
  }

  async find(userId: string, key: string): Promise<ConversationPlace | undefined> {
    const row = this.#statements.find.get(userId, key);
    return row && { chatId: row.chat_id, messageId: row.message_id };
  }

  async remember(userId: string, key: string, { chatId, messageId }: ConversationPlace): Promise<void> {
    this.#statements.remember.run({ userId, key, chatId, messageId });
  }
}
