// The full-text index of chat titles and message text (SQLite's FTS5), kept in step by triggers,
// so every write of a chat or a message (whoever makes it) updates it in the same transaction.
//
// `search_documents` names what each row of the index is (a chat's title when `message_id` is '',
// else a message); its explicit integer key is the index row's rowid, and stays put through VACUUM.
// Only the text parts of a message are indexed (what the user wrote and what the model answered),
// as `searchableText` reads them for the DynamoDB adapter. Every statement is safe to run again.

const textOf = (body: string) =>
  `(SELECT ifnull(group_concat(json_extract(part.value, '$.text'), char(10)), '')
     FROM json_each(${body}, '$.parts') AS part WHERE json_extract(part.value, '$.type') = 'text')`;

const documentOf = (user: string, chat: string, message: string) =>
  `(SELECT doc_id FROM search_documents WHERE user_id = ${user} AND chat_id = ${chat} AND message_id = ${message})`;

export const searchIndexMigration = `
  CREATE TABLE IF NOT EXISTS search_documents (
    doc_id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    UNIQUE (user_id, chat_id, message_id)
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');

  CREATE TRIGGER IF NOT EXISTS chats_search_insert AFTER INSERT ON chats BEGIN
    INSERT OR IGNORE INTO search_documents (user_id, chat_id, message_id) VALUES (new.user_id, new.id, '');
    INSERT OR REPLACE INTO search_text (rowid, text) VALUES (${documentOf("new.user_id", "new.id", "''")}, new.title);
  END;
  CREATE TRIGGER IF NOT EXISTS chats_search_rename AFTER UPDATE OF title ON chats BEGIN
    UPDATE search_text SET text = new.title WHERE rowid = ${documentOf("old.user_id", "old.id", "''")};
  END;
  CREATE TRIGGER IF NOT EXISTS chats_search_delete AFTER DELETE ON chats BEGIN
    DELETE FROM search_text WHERE rowid IN (SELECT doc_id FROM search_documents WHERE user_id = old.user_id AND chat_id = old.id);
    DELETE FROM search_documents WHERE user_id = old.user_id AND chat_id = old.id;
  END;

  CREATE TRIGGER IF NOT EXISTS messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT OR IGNORE INTO search_documents (user_id, chat_id, message_id) VALUES (new.user_id, new.chat_id, new.id);
    INSERT OR REPLACE INTO search_text (rowid, text) VALUES (${documentOf("new.user_id", "new.chat_id", "new.id")}, ${textOf("new.body")});
  END;
  CREATE TRIGGER IF NOT EXISTS messages_search_update AFTER UPDATE OF body ON messages BEGIN
    UPDATE search_text SET text = ${textOf("new.body")} WHERE rowid = ${documentOf("old.user_id", "old.chat_id", "old.id")};
  END;
  CREATE TRIGGER IF NOT EXISTS messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM search_text WHERE rowid = ${documentOf("old.user_id", "old.chat_id", "old.id")};
    DELETE FROM search_documents WHERE user_id = old.user_id AND chat_id = old.chat_id AND message_id = old.id;
  END;

  INSERT OR IGNORE INTO search_documents (user_id, chat_id, message_id) SELECT user_id, id, '' FROM chats;
  INSERT OR IGNORE INTO search_documents (user_id, chat_id, message_id) SELECT user_id, chat_id, id FROM messages;
  INSERT OR REPLACE INTO search_text (rowid, text)
    SELECT document.doc_id, chat.title FROM search_documents AS document
    JOIN chats AS chat ON chat.user_id = document.user_id AND chat.id = document.chat_id
    WHERE document.message_id = '';
  INSERT OR REPLACE INTO search_text (rowid, text)
    SELECT document.doc_id, ${textOf("message.body")} FROM search_documents AS document
    JOIN messages AS message ON message.user_id = document.user_id AND message.chat_id = document.chat_id AND message.id = document.message_id;
`;
