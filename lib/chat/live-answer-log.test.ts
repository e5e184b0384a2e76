import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StreamBatch } from "@/lib/store/stream-state-store";
import { createLiveAnswerLog } from "./live-answer-log";

/** A store's append that records what it was given; each answer comes from `answers` in turn (default: stored). */
function recordingAppend(answers: Array<() => Promise<boolean>> = []) {
  const calls: StreamBatch[] = [];
  const append = vi.fn(async (batch: StreamBatch) => {
    calls.push(structuredClone(batch));
    return (answers.shift() ?? (async () => true))();
  });
  return { append, calls };
}

describe("createLiveAnswerLog", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("appends the chunks of each interval as one batch, numbered in order, and nothing per chunk", async () => {
    const { append, calls } = recordingAppend();
    const log = createLiveAnswerLog({ append, flushMs: 250 });
    for (const chunk of ["a", "b", "c"]) log.add(chunk);
    expect(append).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(250);
    for (const chunk of ["d", "e"]) log.add(chunk);
    await vi.advanceTimersByTimeAsync(250);
    await vi.advanceTimersByTimeAsync(1_000); // nothing new: no empty batch

    expect(calls).toEqual([
      { index: 0, chunks: ["a", "b", "c"] },
      { index: 1, chunks: ["d", "e"] },
    ]);
  });

  it("appends what is left when it ends, after the appends before it, and takes nothing after", async () => {
    const { promise: firstStored, resolve: storeFirst } = Promise.withResolvers<boolean>();
    const { append, calls } = recordingAppend([() => firstStored]);
    const log = createLiveAnswerLog({ append, flushMs: 250 });
    log.add("a");
    await vi.advanceTimersByTimeAsync(250);
    log.add("finish");

    let ended = false;
    const ending = log.end().then(() => {
      ended = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    // One append at a time: the last batch waits for the first.
    expect(calls).toEqual([{ index: 0, chunks: ["a"] }]);
    expect(ended).toBe(false);

    storeFirst(true);
    await ending;
    log.add("late");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([
      { index: 0, chunks: ["a"] },
      { index: 1, chunks: ["finish"] },
    ]);
  });

  it("writes one batch per interval even when the store is slower than the interval", async () => {
    const { append, calls } = recordingAppend(Array.from({ length: 3 }, () => () => new Promise((resolve) => setTimeout(() => resolve(true), 600))));
    const log = createLiveAnswerLog({ append, flushMs: 250 });
    const ticking = setInterval(() => log.add("token"), 10);
    await vi.advanceTimersByTimeAsync(1_000);
    clearInterval(ticking);
    const ending = log.end();
    await vi.runAllTimersAsync();
    await ending;

    // Flushes at 250, 500, 750 and the end: four batches, however slow the first appends were.
    expect(calls.map((batch) => batch.index)).toEqual([0, 1, 2, 3]);
    expect(calls.flatMap((batch) => batch.chunks)).toHaveLength(100);
  });

  it("appends a batch that failed again, unchanged, before the next one, and the answer goes on", async () => {
    const { append, calls } = recordingAppend([async () => Promise.reject(new Error("throttled"))]);
    const log = createLiveAnswerLog({ append, flushMs: 250 });
    log.add("a");
    await vi.advanceTimersByTimeAsync(250);
    log.add("b");
    await log.end();

    expect(calls).toEqual([
      { index: 0, chunks: ["a"] },
      { index: 0, chunks: ["a"] },
      { index: 1, chunks: ["b"] },
    ]);
  });

  it("appends nothing more once an append is refused because the claim was lost", async () => {
    const { append, calls } = recordingAppend([async () => false]);
    const log = createLiveAnswerLog({ append, flushMs: 250 });
    log.add("a");
    await vi.advanceTimersByTimeAsync(250);
    log.add("b");
    await vi.advanceTimersByTimeAsync(250);
    await log.end();

    expect(calls).toEqual([{ index: 0, chunks: ["a"] }]);
  });
});
