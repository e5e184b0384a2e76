import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations, SCHEMA_VERSION } from "./migrations";
import { runInProcesses } from "@/test/support/sqlite-in-processes";
import { openSqliteStores } from "./open-sqlite-stores";

describe("openSqliteStores", () => {
  it("creates the file on first use, in WAL mode, at the latest schema version", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
    const file = join(directory, "data", "parley.sqlite");
    try {
      const stores = openSqliteStores(file);
      await stores.close();
      const database = new Database(file, { readonly: true });
      expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(database.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      database.close();
      // Opening again does not migrate twice.
      await openSqliteStores(file).close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("upgrades a file of schema version 1 without losing its chats", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
    const file = join(directory, "parley.sqlite");
    try {
      const old = new Database(file);
      old.exec(migrations[0] ?? "");
      old.pragma("user_version = 1");
      old.prepare("INSERT INTO chats (user_id, id, title, created_at, updated_at) VALUES ('u', 'c1', 'Old chat', 1, 1)").run();
      old.close();

      const stores = openSqliteStores(file);
      expect(await stores.chats.getChatSummary("u", "c1")).toMatchObject({ title: "Old chat" });
      expect(await stores.usage.addWithinLimit("u", { key: "k", amount: 1, limit: 1, expiresAt: 10 }, 0)).toBe(1);
      await stores.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("reads a chat stored before chats were trees as one line, and branches it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
    const file = join(directory, "parley.sqlite");
    const treesVersion = migrations.findIndex((migration) => migration.includes("active_leaf_id"));
    try {
      const old = new Database(file);
      for (const migration of migrations.slice(0, treesVersion)) old.exec(migration);
      old.pragma(`user_version = ${treesVersion}`);
      old.prepare("INSERT INTO chats (user_id, id, title, created_at, updated_at) VALUES ('u', 'c1', 'Old chat', 1, 1)").run();
      const insert = old.prepare("INSERT INTO messages (user_id, chat_id, id, seq, body) VALUES ('u', 'c1', ?, ?, ?)");
      const stored = [
        { id: "q1", role: "user", parts: [{ type: "text", text: "one" }] },
        { id: "a1", role: "assistant", parts: [{ type: "text", text: "one!" }] },
        { id: "q2", role: "user", parts: [{ type: "text", text: "two" }] },
      ];
      stored.forEach((message, index) => insert.run(message.id, index + 1, JSON.stringify(message)));
      old.close();

      const stores = openSqliteStores(file);
      const chat = await stores.chats.getChat("u", "c1");
      expect(chat?.messages).toEqual(stored);
      expect(chat?.tree.map((node) => node.parentId)).toEqual([null, "q1", "a1"]);
      // The next message follows the old line's last; an edit branches off it.
      await stores.chats.saveMessage("u", "c1", { id: "a2", role: "assistant", parts: [] }, 2);
      await stores.chats.saveMessage("u", "c1", { id: "q2b", role: "user", parts: [{ type: "text", text: "deux" }] }, 3, "a1");
      expect((await stores.chats.getChat("u", "c1"))?.messages.map((message) => message.id)).toEqual(["q1", "a1", "q2b"]);
      expect(await stores.chats.setActiveLeaf("u", "c1", "a2")).toBe(true);
      expect((await stores.chats.getChat("u", "c1"))?.messages.map((message) => message.id)).toEqual(["q1", "a1", "q2", "a2"]);
      await stores.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("opens a new file from several processes at once (npm start's, one per core): one migrates, none fails", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
    try {
      for (let round = 0; round < 4; round += 1) {
        const file = join(directory, `round-${round}`, "parley.sqlite");
        const script = `const stores = openSqliteStores(file); await stores.chats.ensureChat("u", { id: "c-" + process.pid, title: "t", now: Date.now() }); await stores.close();`;
        expect(await runInProcesses({ directory, file, count: 4, script })).toEqual({ codes: [0, 0, 0, 0], errors: [] });
        const database = new Database(file, { readonly: true });
        expect(database.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
        expect(database.prepare("SELECT count(*) AS chats FROM chats").get()).toEqual({ chats: 4 });
        database.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
