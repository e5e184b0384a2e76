import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";
import { coalesceDeltas } from "./coalesce-deltas";

type StreamPart = LanguageModelV4StreamPart;

const text = (delta: string, id = "t1"): StreamPart => ({ type: "text-delta", id, delta });

/** A source whose parts are all there at once, as when the server reads a backlog in one go. */
function backlog(parts: StreamPart[]): ReadableStream<StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<StreamPart>): Promise<StreamPart[]> {
  const reader = stream.getReader();
  const parts: StreamPart[] = [];
  for (let result = await reader.read(); !result.done; result = await reader.read()) parts.push(result.value);
  return parts;
}

describe("coalesceDeltas", () => {
  it("merges the deltas of one text that are there together, and keeps every other part in order", async () => {
    const parts = await readAll(
      coalesceDeltas(
        backlog([
          { type: "text-start", id: "t1" },
          text("Hel"),
          text("lo"),
          text(", world"),
          { type: "text-end", id: "t1" },
          { type: "tool-input-start", id: "c1", toolName: "calculate" },
          { type: "tool-input-delta", id: "c1", delta: '{"expr' },
          { type: "tool-input-delta", id: "c1", delta: 'ession":"1+1"}' },
          { type: "tool-input-end", id: "c1" },
        ]),
      ),
    );
    expect(parts).toEqual([
      { type: "text-start", id: "t1" },
      text("Hello, world"),
      { type: "text-end", id: "t1" },
      { type: "tool-input-start", id: "c1", toolName: "calculate" },
      { type: "tool-input-delta", id: "c1", delta: '{"expression":"1+1"}' },
      { type: "tool-input-end", id: "c1" },
    ]);
  });

  it("never merges different texts, different kinds, or deltas carrying provider metadata", async () => {
    const withMetadata: StreamPart = { type: "text-delta", id: "t1", delta: "!", providerMetadata: { openai: { itemId: "x" } } };
    const parts = await readAll(
      coalesceDeltas(backlog([text("a", "t1"), text("b", "t2"), { type: "reasoning-delta", id: "t2", delta: "c" }, text("d", "t1"), withMetadata, text("e", "t1")])),
    );
    expect(parts).toEqual([text("a", "t1"), text("b", "t2"), { type: "reasoning-delta", id: "t2", delta: "c" }, text("d", "t1"), withMetadata, text("e", "t1")]);
  });

  it("passes a delta on at the end of its turn, without waiting for the next one", async () => {
    let release: () => void = () => undefined;
    const later = new Promise<void>((resolve) => {
      release = resolve;
    });
    const source = new ReadableStream<StreamPart>({
      async start(controller) {
        controller.enqueue(text("first"));
        await later;
        controller.enqueue(text("second"));
        controller.close();
      },
    });
    const reader = coalesceDeltas(source).getReader();
    expect(await reader.read()).toEqual({ done: false, value: text("first") });
    release();
    expect(await reader.read()).toEqual({ done: false, value: text("second") });
    expect((await reader.read()).done).toBe(true);
  });

  it("passes the part that ends a batch of deltas on a turn later, so the batch goes out before its finish work", async () => {
    const reader = coalesceDeltas(backlog([text("a"), text("b"), { type: "text-end", id: "t1" }, { type: "text-start", id: "t2" }])).getReader();
    expect(await reader.read()).toEqual({ done: false, value: text("ab") });
    let next: string | undefined;
    void reader.read().then((result) => (next = result.value?.type));
    for (let index = 0; index < 100; index += 1) await Promise.resolve();
    expect(next).toBeUndefined();
    await yieldToEventLoop();
    await yieldToEventLoop();
    expect(next).toBe("text-end");
    // Only the part right after the batch waits: the next one follows at once.
    expect((await reader.read()).value?.type).toBe("text-start");
  });

  it("does not merge deltas that arrive in different turns", async () => {
    const source = new ReadableStream<StreamPart>({
      async start(controller) {
        for (const delta of ["a", "b", "c"]) {
          controller.enqueue(text(delta));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        controller.close();
      },
    });
    expect(await readAll(coalesceDeltas(source))).toEqual([text("a"), text("b"), text("c")]);
  });

  it("passes the source's error on, after what came before it", async () => {
    const failure = new Error("the connection to the model broke");
    // The error comes with the read that follows the delta, while the delta waits in its batch.
    let pulls = 0;
    const source = new ReadableStream<StreamPart>(
      {
        pull(controller) {
          pulls += 1;
          if (pulls === 1) controller.enqueue(text("partial"));
          else controller.error(failure);
        },
      },
      { highWaterMark: 0 },
    );
    const reader = coalesceDeltas(source).getReader();
    expect(await reader.read()).toEqual({ done: false, value: text("partial") });
    await expect(reader.read()).rejects.toBe(failure);
  });

  it("cancels the source when its reader cancels (Stop, a client that went away)", async () => {
    let cancelled: unknown;
    const source = new ReadableStream<StreamPart>({
      start(controller) {
        controller.enqueue(text("a"));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = coalesceDeltas(source).getReader();
    await reader.read();
    await reader.cancel("stopped");
    expect(cancelled).toBe("stopped");
  });
});
