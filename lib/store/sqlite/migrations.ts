import type { Database } from "better-sqlite3";
import { searchIndexMigration } from "./search-index";

// Each entry moves the schema one version up; `PRAGMA user_version` records where a file is.
// Never edit a shipped migration: add a new one.
export const migrations: readonly string[] = [
  `
  CREATE TABLE chats (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    active_stream_id TEXT,
    stop_requested_stream_id TEXT,
    PRIMARY KEY (user_id, id)
  ) WITHOUT ROWID;
  CREATE INDEX chats_by_recency ON chats (user_id, updated_at DESC, id DESC);

  CREATE TABLE messages (
    user_id TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, chat_id, id),
    FOREIGN KEY (user_id, chat_id) REFERENCES chats (user_id, id) ON DELETE CASCADE
  );
  CREATE INDEX messages_in_order ON messages (user_id, chat_id, seq);
  `,
  `
  CREATE TABLE usage_counters (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
  ) WITHOUT ROWID;
  `,
  // A chat id belongs to one user: looked up across users when a chat is created.
  `
  CREATE INDEX chats_by_id ON chats (id);
  `,
  // One answer per chat: the running stream's claim lasts until this time (epoch ms) unless renewed.
  `
  ALTER TABLE chats ADD COLUMN stream_lease_expires_at INTEGER;
  `,
  // The live-answer log: the stream whose log the chat keeps, when it ended (epoch ms), its batches.
  `
  ALTER TABLE chats ADD COLUMN log_stream_id TEXT;
  ALTER TABLE chats ADD COLUMN log_ended_at INTEGER;
  CREATE INDEX chats_by_log_end ON chats (log_ended_at) WHERE log_ended_at IS NOT NULL;

  CREATE TABLE stream_batches (
    user_id TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    batch_index INTEGER NOT NULL,
    chunks TEXT NOT NULL,
    PRIMARY KEY (user_id, chat_id, batch_index),
    FOREIGN KEY (user_id, chat_id) REFERENCES chats (user_id, id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  `,
  // Chats are trees (branches): each message names its parent, each chat its active leaf. A chat
  // stored before is one line: each message follows the one stored before it, and the last is the leaf.
  `
  ALTER TABLE messages ADD COLUMN parent_id TEXT;
  ALTER TABLE chats ADD COLUMN active_leaf_id TEXT;
  UPDATE messages SET parent_id = (
    SELECT earlier.id FROM messages AS earlier
    WHERE earlier.user_id = messages.user_id AND earlier.chat_id = messages.chat_id AND earlier.seq < messages.seq
    ORDER BY earlier.seq DESC LIMIT 1
  );
  UPDATE chats SET active_leaf_id = (
    SELECT last.id FROM messages AS last WHERE last.user_id = chats.user_id AND last.chat_id = chats.id ORDER BY last.seq DESC LIMIT 1
  );
  `,
  // Search: the full-text index of titles and message text, its triggers, and what is already stored.
  searchIndexMigration,
  // Personal API keys: the secret's SHA-256, never the secret; looked up by it on every API request.
  `
  CREATE TABLE api_keys (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    email TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    PRIMARY KEY (user_id, id)
  ) WITHOUT ROWID;
  `,
  // The /v1 API's conversations: the chat a conversation a program holds goes on in, by its digest.
  `
  CREATE TABLE conversation_index (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (user_id, key),
    FOREIGN KEY (user_id, chat_id) REFERENCES chats (user_id, id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX conversation_index_by_chat ON conversation_index (user_id, chat_id);
  `,
];

export const SCHEMA_VERSION = migrations.length;

/**
 * Brings the file to the latest schema. The version is read inside a write transaction taken at
 * once (BEGIN IMMEDIATE): of several processes opening a new file together, one migrates and the
 * others wait for it, then find nothing left to do.
 */
export function migrate(database: Database): void {
  const version = () => database.pragma("user_version", { simple: true }) as number;
  if (version() === migrations.length) return;
  database
    .transaction(() => {
      const current = version();
      if (current > migrations.length) {
        throw new Error(`The database has schema version ${current}, newer than this app knows (${migrations.length}).`);
      }
      for (let next = current; next < migrations.length; next += 1) {
        database.exec(migrations[next] ?? "");
        database.pragma(`user_version = ${next + 1}`);
      }
    })
    .immediate();
}
