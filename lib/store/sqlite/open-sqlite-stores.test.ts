import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations, SCHEMA_VERSION } from "./migrations";
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
});
