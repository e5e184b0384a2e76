import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import type { TestWorkerInput } from "@/test/fixtures/workers/test-worker";
import { createWorkerPool, type WorkerPool } from "./worker-pool";

let pool: WorkerPool<TestWorkerInput, unknown> | undefined;
let spawned = 0;

function testPool(size: number) {
  pool = createWorkerPool<TestWorkerInput, unknown>({
    size,
    spawn: () => {
      spawned += 1;
      return new Worker(new URL("../../../test/fixtures/workers/test-worker.ts", import.meta.url));
    },
  });
  return pool;
}

/** Counts turns of the main thread's event loop until `promise` settles. */
async function loopTurnsWhile(promise: Promise<unknown>): Promise<number> {
  let settled = false;
  const done = promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    turns += 1;
  }
  await done;
  return turns;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  spawned = 0;
});

describe("worker pool", () => {
  it("runs calls in a worker thread and keeps the worker for the next call", async () => {
    const workers = testPool(2);
    await expect(workers.run({ echo: { answer: 42 } })).resolves.toEqual({ answer: 42 });
    await expect(workers.run({ echo: "again" })).resolves.toBe("again");
    expect(spawned).toBe(1);
  });

  it("throws what the worker threw, by name and message", async () => {
    const workers = testPool(1);
    await expect(workers.run({ fail: "bad input" })).rejects.toMatchObject({ name: "TypeError", message: "bad input" });
    await expect(workers.run({ echo: 1 })).resolves.toBe(1);
  });

  it("terminates a worker that computes forever when its call is aborted, while the event loop runs on", async () => {
    const workers = testPool(1);
    const controller = new AbortController();
    const spinning = workers.run({ spin: true }, controller.signal);
    setTimeout(() => controller.abort(new Error("deadline")), 200);

    expect(await loopTurnsWhile(spinning)).toBeGreaterThan(10);
    await expect(spinning).rejects.toThrow("deadline");
    // The terminated worker is replaced on the next call.
    await expect(workers.run({ echo: "after" })).resolves.toBe("after");
    expect(spawned).toBe(2);
  });

  it("holds calls beyond its size until a worker is free, and drops those aborted while waiting", async () => {
    const workers = testPool(1);
    const first = new AbortController();
    const spinning = workers.run({ spin: true }, first.signal);
    const waiting = new AbortController();
    const abandoned = workers.run({ exit: 9 }, waiting.signal);
    const queued = workers.run({ echo: "queued" });

    waiting.abort(new Error("gone"));
    await expect(abandoned).rejects.toThrow("gone");
    first.abort(new Error("deadline"));
    await expect(spinning).rejects.toThrow("deadline");
    // The aborted call never ran: had it run, its worker would have exited instead of echoing.
    await expect(queued).resolves.toBe("queued");
    expect(spawned).toBe(2);
  });

  it("fails the call of a worker that exits, and starts a new worker for the next", async () => {
    const workers = testPool(1);
    await expect(workers.run({ exit: 3 })).rejects.toThrow("The worker thread stopped (exit code 3).");
    await expect(workers.run({ echo: "fresh" })).resolves.toBe("fresh");
    expect(spawned).toBe(2);
  });

  it("fails the call, not the server, when no worker can be started, and tries again on the next call", async () => {
    let failSpawn = true;
    pool = createWorkerPool<TestWorkerInput, unknown>({
      size: 1,
      spawn: () => {
        if (failSpawn) throw new Error("no threads left");
        return new Worker(new URL("../../../test/fixtures/workers/test-worker.ts", import.meta.url));
      },
    });
    await expect(pool.run({ echo: 1 })).rejects.toThrow("no threads left");
    failSpawn = false;
    await expect(pool.run({ echo: 2 })).resolves.toBe(2);
  });

  it("refuses an aborted call at once and every call once closed", async () => {
    const workers = testPool(1);
    await expect(workers.run({ echo: 1 }, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
    // Only the worker the pool starts with, ready for the first call.
    expect(spawned).toBe(1);
    await workers.close();
    await expect(workers.run({ echo: 1 })).rejects.toThrow("closed");
  });
});
