import type { Database } from "better-sqlite3";
import type { ChatSearchResult } from "../chat-store";
import { type SearchTerms, parseSearchQuery } from "../search/search-terms";
import { snippetOf } from "../search/snippet";

type HitRow = { id: string; title: string; created_at: number; updated_at: number; message_id: string; text: string };

/**
 * The query as FTS5 syntax: each word quoted (a word holds only letters and digits, so nothing the
 * user typed is read as an operator), all required, the last one as a prefix.
 */
const toFtsQuery = ({ words, prefix }: SearchTerms) => [...words.map((word) => `"${word}"`), `"${prefix}"*`].join(" ");

/**
 * Searches the index that search-index.ts keeps: the matching rows of the user's chats, then the
 * best one per chat (its title, else its latest message), newest chat first. The index is read
 * first (CROSS JOIN fixes the order): the words narrow the rows down far more than the user does.
 */
export function sqliteChatSearch(database: Database) {
  const search = database.prepare<{ userId: string; match: string; limit: number }, HitRow>(
    `WITH found AS (
       SELECT document.chat_id, document.message_id, search_text.text
       FROM search_text CROSS JOIN search_documents AS document ON document.doc_id = search_text.rowid
       WHERE search_text MATCH @match AND document.user_id = @userId
     ),
     best AS (
       SELECT found.*, ROW_NUMBER() OVER (PARTITION BY found.chat_id ORDER BY found.message_id = '' DESC, message.seq DESC) AS rank
       FROM found LEFT JOIN messages AS message
         ON message.user_id = @userId AND message.chat_id = found.chat_id AND message.id = found.message_id
     )
     SELECT chat.id, chat.title, chat.created_at, chat.updated_at, best.message_id, best.text
     FROM best JOIN chats AS chat ON chat.user_id = @userId AND chat.id = best.chat_id
     WHERE best.rank = 1
     ORDER BY chat.updated_at DESC, chat.id DESC
     LIMIT @limit`,
  );
  return (userId: string, query: string, { limit }: { limit: number }): ChatSearchResult => {
    const terms = parseSearchQuery(query);
    if (!terms) return { hits: [], truncated: false };
    const hits = search.all({ userId, match: toFtsQuery(terms), limit }).map((row) => ({
      chat: { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at },
      messageId: row.message_id === "" ? undefined : row.message_id,
      snippet: snippetOf(row.text, terms),
    }));
    return { hits, truncated: false };
  };
}
