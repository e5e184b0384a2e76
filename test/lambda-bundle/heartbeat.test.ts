import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type TimedEvent, eventsSoFar } from "./function-url";
import { type LocalLambda, chatRequest, startLocalLambda } from "./lambda-harness";

// Heartbeats through Lambda: while the model is silent (thinking, between slow tokens), keep-alive
// comments still reach the client through the streaming runtime, so CloudFront's read timeout
// never sees an idle connection.

const HEARTBEAT_MS = 300;
/** A slow model: a pause between tokens of more than three heartbeat intervals, four of them before the first. */
const TOKEN_DELAY_MS = 1_000;
const TEXT_DELTAS_TO_WATCH = 3;

describe("heartbeats of the streaming Lambda bundle", () => {
  let lambda: LocalLambda;

  beforeAll(async () => {
    lambda = await startLocalLambda({
      bundleDir: inject("bundles").streaming,
      env: { HEARTBEAT_MS: String(HEARTBEAT_MS), DEMO_MODEL_TOKEN_DELAY_MS: String(TOKEN_DELAY_MS) },
    });
  });

  afterAll(async () => {
    // The slow answer is still streaming: end the execution environment with it.
    await lambda?.stop();
  });

  test("keep-alive comments arrive while the model is silent", async () => {
    const invocation = lambda.invoke(chatRequest(`lambda-${crypto.randomUUID()}`, "Hello"));
    await invocation.waitUntil((recording) => eventsSoFar(recording).filter((event) => event.chunkType === "text-delta").length >= TEXT_DELTAS_TO_WATCH);
    const events = eventsSoFar(invocation.progress);
    expect(invocation.progress.responseMode).toBe("streaming");

    const modelEvents = events.filter((event) => event.kind === "data");
    const textDeltas = modelEvents.filter((event) => event.chunkType === "text-delta");
    expect(textDeltas.length).toBeGreaterThanOrEqual(TEXT_DELTAS_TO_WATCH);

    // Each silence of the model (before the first token, between tokens) is longer than three
    // heartbeat intervals, and keep-alive comments arrived inside every one of them.
    const start = modelEvents.find((event) => event.chunkType === "start") as TimedEvent;
    const silences = pairs([start, ...textDeltas.slice(0, TEXT_DELTAS_TO_WATCH)]);
    for (const [before, after] of silences) {
      expect(after.atMs - before.atMs).toBeGreaterThan(3 * HEARTBEAT_MS);
      const keepAlives = events.filter((event) => event.kind === "comment" && event.text === "keep-alive" && event.atMs > before.atMs && event.atMs < after.atMs);
      expect(keepAlives.length).toBeGreaterThanOrEqual(2);
    }

    // With the heartbeats, the stream never went quiet for as long as the model did.
    const shortestSilence = Math.min(...silences.map(([before, after]) => after.atMs - before.atMs));
    const upToLastDelta = events.slice(0, events.indexOf(textDeltas[TEXT_DELTAS_TO_WATCH - 1] as TimedEvent) + 1);
    const longestQuiet = Math.max(...pairs(upToLastDelta).map(([before, after]) => after.atMs - before.atMs));
    expect(longestQuiet).toBeLessThan(shortestSilence / 2);
  });
});

function pairs<T>(items: T[]): Array<[T, T]> {
  return items.slice(1).map((item, index) => [items[index] as T, item]);
}
