import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Stores } from "../open-stores";
import { migrate } from "./migrations";
import { SqliteApiKeyStore } from "./sqlite-api-key-store";
import { SqliteConversationIndex } from "./sqlite-conversation-index";
import { SqliteChatStore } from "./sqlite-chat-store";
import { SqliteStreamStateStore } from "./sqlite-stream-state-store";
import { SqliteUsageCounters } from "./sqlite-usage-counters";

const BUSY_TIMEOUT_MS = 5_000;
const WAL_RETRY_PAUSE_MS = 20;

/**
 * Switching a new file to WAL takes an exclusive lock, and SQLite may answer SQLITE_BUSY at once,
 * without its busy handler, when another process is switching the same file at that moment: asked
 * again a moment later, it finds the file in WAL mode already.
 */
function switchToWal(database: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      database.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_PAUSE_MS);
    }
  }
}

/**
 * The embedded default: one SQLite file (WAL mode), created and migrated on first use, and one
 * connection the stores share; several processes may open it at once (`npm start` runs one
 * per core), each with its connection. better-sqlite3 is synchronous; each store method is one short
 * statement or transaction, so the event loop is held for microseconds, and concurrent requests in
 * one process never interleave inside a write.
 */
export function openSqliteStores(file: string, { streamLeaseMs }: { streamLeaseMs?: number } = {}): Stores {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  // First, so that what follows waits for `npm start`'s other server processes (one per core) on
  // the same file, starting together, instead of failing with SQLITE_BUSY.
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  switchToWal(database);
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  migrate(database);
  return {
    chats: new SqliteChatStore(database),
    streams: new SqliteStreamStateStore(database, { leaseMs: streamLeaseMs }),
    usage: new SqliteUsageCounters(database),
    apiKeys: new SqliteApiKeyStore(database),
    conversations: new SqliteConversationIndex(database),
    close: async () => {
      if (database.open) database.close();
    },
  };
}
