import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInProcesses } from "@/test/support/sqlite-in-processes";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { describeStreamStateStoreContract } from "@/test/support/stream-state-store-contract";
import { ENDED_STREAM_READABLE_MS } from "../stream-state-store";
import { openSqliteStores } from "./open-sqlite-stores";

describeStreamStateStoreContract("SQLite (temp file)", sqliteStoresHarness);

describe("the live-answer log's rows in SQLite", () => {
  let directory: string;
  let file: string;
  let stores: ReturnType<typeof openSqliteStores>;
  const start = 1_000;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "parley-stream-log-"));
    file = join(directory, "parley.sqlite");
    stores = openSqliteStores(file);
    await stores.chats.ensureChat("alice", { id: "c1", title: "t", now: start });
    await stores.chats.ensureChat("alice", { id: "c2", title: "t", now: start });
    expect(await stores.streams.beginStream("alice", "c1", "stream-1", start)).toBe(true);
    expect(await stores.streams.appendToStream("alice", "c1", "stream-1", { index: 0, chunks: ["a"] }, start)).toBe(true);
  });

  afterEach(async () => {
    await stores.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const storedBatches = () => {
    const database = new Database(file, { readonly: true });
    try {
      return (database.prepare("SELECT count(*) AS count FROM stream_batches").get() as { count: number }).count;
    } finally {
      database.close();
    }
  };

  it("deletes an ended log once it is no longer readable, when another stream begins or ends", async () => {
    await stores.streams.endStream("alice", "c1", "stream-1", start + 1);
    expect(storedBatches()).toBe(1);
    await stores.streams.beginStream("alice", "c2", "stream-2", start + 1 + ENDED_STREAM_READABLE_MS);
    expect(storedBatches()).toBe(0);
  });

  it("deletes a crashed stream's log when the next stream claims the chat", async () => {
    expect(await stores.streams.beginStream("alice", "c1", "stream-2", start + stores.streams.leaseMs)).toBe(true);
    expect(storedBatches()).toBe(0);
  });

  it("deletes the log with the chat", async () => {
    expect(await stores.chats.deleteChat("alice", "c1")).toBe(true);
    expect(storedBatches()).toBe(0);
  });
});

describe("the live-answer log in SQLite, written and read by several processes at once (npm start's)", () => {
  it("appends every batch of each process's answer, none failing because another process wrote meanwhile", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parley-stream-log-"));
    const file = join(directory, "parley.sqlite");
    try {
      await openSqliteStores(file).close(); // created and migrated beforehand
      // Each process writes its own chat's answer and reads its log back as it goes, as a resumed view does.
      const script = `
        const stores = openSqliteStores(file);
        const chatId = "c-" + process.pid;
        await stores.chats.ensureChat("u", { id: chatId, title: "t", now: Date.now() });
        if (!(await stores.streams.beginStream("u", chatId, "s", Date.now()))) throw new Error("not claimed");
        for (let index = 0; index < 400; index += 1) {
          if (!(await stores.streams.appendToStream("u", chatId, "s", { index, chunks: ["x" + index] }, Date.now()))) throw new Error("append refused");
          await stores.streams.readStream("u", chatId, Math.max(0, index - 2), Date.now());
        }
        const log = await stores.streams.readStream("u", chatId, 0, Date.now());
        if (log?.batches.length !== 400) throw new Error("batches: " + log?.batches.length);
        await stores.streams.endStream("u", chatId, "s", Date.now());
        await stores.close();`;
      expect(await runInProcesses({ directory, file, count: 4, script })).toEqual({ codes: [0, 0, 0, 0], errors: [] });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
