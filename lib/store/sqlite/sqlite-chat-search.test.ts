import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, migrations } from "./migrations";
import { searchIndexMigration } from "./search-index";
import { SqliteChatStore } from "./sqlite-chat-store";

describe("SQLite search", () => {
  let database: Database.Database;
  let store: SqliteChatStore;

  beforeEach(() => {
    database = new Database(":memory:");
    database.pragma("foreign_keys = ON");
  });
  afterEach(() => database.close());

  it("never throws, whatever the query", async () => {
    migrate(database);
    store = new SqliteChatStore(database);
    await store.ensureChat("alice", { id: "c1", title: "Weather in Paris", now: 1 });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 80 }), async (query) => {
        const { hits } = await store.searchChats("alice", query, { limit: 5 });
        expect(hits.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it("indexes the chats and messages stored before the index existed", async () => {
    const before = migrations.indexOf(searchIndexMigration);
    for (const migration of migrations.slice(0, before)) database.exec(migration);
    database.pragma(`user_version = ${before}`);
    database.prepare("INSERT INTO chats (user_id, id, title, created_at, updated_at) VALUES ('alice', 'old', 'Old weather chat', 1, 1)").run();
    database
      .prepare("INSERT INTO messages (user_id, chat_id, id, seq, body) VALUES ('alice', 'old', 'a1', 1, ?)")
      .run(JSON.stringify({ id: "a1", role: "assistant", parts: [{ type: "text", text: "An answer about umbrellas" }] }));

    migrate(database);
    store = new SqliteChatStore(database);
    expect((await store.searchChats("alice", "umbrellas", { limit: 5 })).hits).toEqual([
      { chat: { id: "old", title: "Old weather chat", createdAt: 1, updatedAt: 1 }, messageId: "a1", snippet: [{ text: "An answer about ", match: false }, { text: "umbrellas", match: true }] },
    ]);
    expect((await store.searchChats("alice", "weather", { limit: 5 })).hits.map((hit) => hit.messageId)).toEqual([undefined]);
    // Running it again (the migrations may be reordered when branches merge) changes nothing.
    database.exec(searchIndexMigration);
    expect(database.prepare("SELECT count(*) AS count FROM search_text").get()).toEqual({ count: 2 });
  });
});
