import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { continueAfterCuts } from "./continue-after-cuts";

// An answer's stream whose connection is cut: the replayed stream is read again from its start,
// and the reader sees each chunk once, in order, with no error.

const chunks: UIMessageChunk[] = [
  { type: "start", messageId: "m1" },
  { type: "text-start", id: "t" },
  ...Array.from({ length: 6 }, (_, index): UIMessageChunk => ({ type: "text-delta", id: "t", delta: `word${index} ` })),
  { type: "text-end", id: "t" },
  { type: "finish" },
];

/** The answer's chunks up to `cutAfter`, then the connection breaks as the browser reports it. */
function streamCutAfter(cutAfter: number, error: unknown = new TypeError("network error")): ReadableStream<UIMessageChunk> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index === cutAfter) return controller.error(error);
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

const whole = () => streamCutAfter(Number.POSITIVE_INFINITY);

async function readAll(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const read: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let result = await reader.read(); !result.done; result = await reader.read()) read.push(result.value);
  return read;
}

describe("continueAfterCuts", () => {
  it("passes an unbroken stream on as it is", async () => {
    expect(await readAll(continueAfterCuts(whole(), { readAgain: () => Promise.reject(new Error("not called")), retryDelaysMs: [0] }))).toEqual(chunks);
  });

  it("reads the stream again after a cut and carries on after what was passed on, however often it is cut", async () => {
    const replays = [streamCutAfter(6), whole()];
    let readsAgain = 0;
    const stream = continueAfterCuts(streamCutAfter(3), {
      readAgain: async () => {
        readsAgain += 1;
        return replays.shift() ?? null;
      },
      retryDelaysMs: [0],
    });
    expect(await readAll(stream)).toEqual(chunks);
    expect(readsAgain).toBe(2);
  });

  it("tries again while the server cannot be reached, then carries on", async () => {
    const attempts: string[] = [];
    const stream = continueAfterCuts(streamCutAfter(4), {
      readAgain: async () => {
        attempts.push("attempt");
        if (attempts.length < 3) throw new TypeError("Failed to fetch");
        return whole();
      },
      retryDelaysMs: [0, 0, 0, 0],
    });
    expect(await readAll(stream)).toEqual(chunks);
    expect(attempts).toHaveLength(3);
  });

  it("ends with the cut when every attempt fails", async () => {
    const cut = new TypeError("network error");
    let attempts = 0;
    const stream = continueAfterCuts(streamCutAfter(2, cut), {
      readAgain: () => {
        attempts += 1;
        return Promise.reject(new TypeError("Failed to fetch"));
      },
      retryDelaysMs: [0, 0, 0],
    });
    await expect(readAll(stream)).rejects.toBe(cut);
    expect(attempts).toBe(3);
  });

  it("ends with the cut when the stream can no longer be read (its log is gone)", async () => {
    const cut = new TypeError("network error");
    const stream = continueAfterCuts(streamCutAfter(2, cut), { readAgain: async () => null, retryDelaysMs: [0, 0] });
    await expect(readAll(stream)).rejects.toBe(cut);
  });

  it("ends with the cut when a replay ends short of what was already passed on", async () => {
    const cut = new TypeError("network error");
    const shortReplay = () => new ReadableStream<UIMessageChunk>({ start: (controller) => (chunks.slice(0, 2).forEach((chunk) => controller.enqueue(chunk)), controller.close()) });
    const stream = continueAfterCuts(streamCutAfter(4, cut), { readAgain: async () => shortReplay(), retryDelaysMs: [0] });
    await expect(readAll(stream)).rejects.toBe(cut);
  });

  it("gives up on replays that keep breaking before they get any further, and tries anew after progress", async () => {
    let readsAgain = 0;
    const stream = continueAfterCuts(streamCutAfter(3), {
      readAgain: async () => {
        readsAgain += 1;
        // The first replay gets two chunks further; every later one breaks before the point reached.
        return readsAgain === 1 ? streamCutAfter(5) : streamCutAfter(2);
      },
      retryDelaysMs: [0, 0, 0],
    });
    await expect(readAll(stream)).rejects.toBeInstanceOf(TypeError);
    // One attempt before the progress, then the three the progress earned.
    expect(readsAgain).toBe(4);
  });

  it("passes any other error on at once: a bad chunk is not a cut", async () => {
    const invalid = new Error("Type validation failed");
    let attempts = 0;
    const stream = continueAfterCuts(streamCutAfter(2, invalid), {
      readAgain: async () => {
        attempts += 1;
        return whole();
      },
      retryDelaysMs: [0],
    });
    await expect(readAll(stream)).rejects.toBe(invalid);
    expect(attempts).toBe(0);
  });

  it("makes no attempt once the request was stopped", async () => {
    const stop = new AbortController();
    let attempts = 0;
    const stream = continueAfterCuts(streamCutAfter(2), {
      readAgain: async () => {
        attempts += 1;
        return whole();
      },
      retryDelaysMs: [60_000],
      signal: stop.signal,
    });
    const reading = readAll(stream);
    setTimeout(() => stop.abort(), 10);
    await expect(reading).rejects.toBeInstanceOf(TypeError);
    expect(attempts).toBe(0);
  });
});
