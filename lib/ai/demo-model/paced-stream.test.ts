import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPacedStream } from "./paced-stream";

const delta = (text: string): LanguageModelV4StreamPart => ({ type: "text-delta", id: "t", delta: text });
const parts: LanguageModelV4StreamPart[] = [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  delta("a"),
  delta("b"),
  delta("c"),
  { type: "text-end", id: "t" },
];
const pauses = [0, 4, 0, 1, 1, 0];

/** Reads in the background; `received` grows as parts arrive, `ended` settles with the stream. */
function collect(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const received: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  const ended = (async () => {
    for (let next = await reader.read(); !next.done; next = await reader.read()) received.push(next.value);
  })();
  ended.catch(() => undefined);
  return { received, ended };
}

describe("createPacedStream", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends each part after its pause, with one interval, and clears it at the end", async () => {
    const { received, ended } = collect(createPacedStream({ parts, pauses }, { tickMs: 10, abortSignal: undefined }));

    await vi.advanceTimersByTimeAsync(0);
    expect(received.map((part) => part.type)).toEqual(["stream-start"]);
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(30);
    expect(received).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(10);
    expect(received.map((part) => part.type)).toEqual(["stream-start", "text-start", "text-delta"]);

    await vi.advanceTimersByTimeAsync(10);
    expect(received).toHaveLength(4);

    await vi.advanceTimersByTimeAsync(10);
    await ended;
    expect(received).toEqual(parts);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends everything at once without any timer when the tick is 0", async () => {
    const stream = createPacedStream({ parts, pauses }, { tickMs: 0, abortSignal: undefined });
    expect(vi.getTimerCount()).toBe(0);
    const { received, ended } = collect(stream);
    await ended;
    expect(received).toEqual(parts);
  });

  it("errors with the abort reason and clears its timer when aborted", async () => {
    const controller = new AbortController();
    const { received, ended } = collect(createPacedStream({ parts, pauses }, { tickMs: 10, abortSignal: controller.signal }));
    await vi.advanceTimersByTimeAsync(40);
    expect(received).toHaveLength(3);

    const reason = new DOMException("Stopped by the user", "AbortError");
    controller.abort(reason);
    await expect(ended).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(received).toHaveLength(3);
  });

  it("errors at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const reader = createPacedStream({ parts, pauses }, { tickMs: 10, abortSignal: controller.signal }).getReader();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears its timer and its abort listener when the reader cancels", async () => {
    const controller = new AbortController();
    const removeListener = vi.spyOn(controller.signal, "removeEventListener");
    const reader = createPacedStream({ parts, pauses }, { tickMs: 10, abortSignal: controller.signal }).getReader();
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(removeListener).toHaveBeenCalledWith("abort", expect.any(Function));
  });
});
