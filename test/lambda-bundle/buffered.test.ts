import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { composeCannedAnswer } from "@/lib/ai/demo-model/canned-answer";
import { assertStreamed } from "./assert-streamed";
import { toHttpResponse } from "./function-url";
import { type LocalLambda, chatRequest, readChatBody, startLocalLambda, textOf } from "./lambda-harness";

// The negative control: the same app built with OpenNext's buffered `aws-lambda` wrapper answers
// correctly, but the very check that passes on the streaming bundle fails on it, for the reasons
// a user would notice: the runtime did not stream, and the whole answer came in one block at the end.

const CODE_QUESTION = "Write a TypeScript function that reverses a string";

describe("the buffered Lambda bundle (open-next.buffered.config.ts), negative control", () => {
  let lambda: LocalLambda;

  beforeAll(async () => {
    lambda = await startLocalLambda({ bundleDir: inject("bundles").buffered });
  });

  afterAll(async () => {
    await lambda?.stop();
  });

  test("answers correctly, but fails the streaming check: buffered mode, the text in one burst at the end", async () => {
    const recording = await lambda.invoke(chatRequest(`lambda-${crypto.randomUUID()}`, CODE_QUESTION)).result;

    expect(recording.outcome).toBe("response");
    expect(recording.error).toBeUndefined();
    expect(() => assertStreamed(recording)).toThrow(/^The response was not streamed:/);
    const reasons = failureOf(() => assertStreamed(recording));
    // It was posted whole, as one JSON result…
    expect(reasons).toContain("not a streaming response: the runtime posted it with Lambda-Runtime-Function-Response-Mode absent (buffered)");
    // …and every text delta arrived at the same moment, at the end.
    expect(reasons).toMatch(/all \d+ text deltas arrived in 1 burst/);
    expect(reasons).toContain("the text arrived in one burst at the end");
    // Nothing else is wrong with it: same status, type and content as the streaming bundle's.
    expect(reasons).not.toMatch(/status|content-type|only \d+ text deltas/);
    const reading = await readChatBody(toHttpResponse(recording));
    expect(reading.invalid).toEqual([]);
    expect(reading.chunks[0]?.chunk.type).toBe("start");
    expect(reading.chunks.at(-1)?.chunk.type).toBe("finish");
    expect(textOf(reading.message)).toBe(composeCannedAnswer(CODE_QUESTION));
  });
});

function failureOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("The check passed; it was expected to fail.");
}
