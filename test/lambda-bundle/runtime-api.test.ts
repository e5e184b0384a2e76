import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FunctionProcess, startFunction } from "./function-process";
import { type RuntimeApi, startRuntimeApi } from "./runtime-api";

// The harness itself, against the real runtime client with two tiny handlers: it must tell a
// streamed response from a buffered one, time each chunk, and see both kinds of failure.

const STREAMING_HANDLER = `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  for (const part of event.parts) {
    responseStream.write(part);
    await sleep(event.gapMs);
  }
  if (event.fail) throw new Error("failed mid-stream");
  responseStream.end();
});
`;

const BUFFERED_HANDLER = `
export const handler = async (event) => {
  if (event.fail) throw new TypeError("failed before answering");
  return { echoed: event.parts.join("") };
};
`;

type Started = { runtimeApi: RuntimeApi; functionProcess: FunctionProcess };

describe("the local Runtime API under aws-lambda-ric", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-runtime-api-test-"));
  const started: Started[] = [];

  const start = async (source: string, name: string): Promise<Started> => {
    writeFileSync(join(dir, `${name}.mjs`), source);
    const runtimeApi = await startRuntimeApi();
    const functionProcess = startFunction({ bundleDir: dir, runtimeApi, env: {}, handler: `${name}.handler` });
    const result = { runtimeApi, functionProcess };
    started.push(result);
    return result;
  };

  let streaming: Started;
  let buffered: Started;

  beforeAll(async () => {
    streaming = await start(STREAMING_HANDLER, "streaming");
    buffered = await start(BUFFERED_HANDLER, "buffered");
  });

  afterAll(async () => {
    for (const { runtimeApi, functionProcess } of started) {
      await functionProcess.stop();
      await runtimeApi.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("records a streamed response chunk by chunk, as it arrives", async () => {
    const recording = await streaming.runtimeApi.invoke({ parts: ["one ", "two ", "three"], gapMs: 150 }).result;
    expect(recording.outcome).toBe("response");
    expect(recording.responseMode).toBe("streaming");
    expect(Buffer.concat(recording.chunks.map((chunk) => chunk.bytes)).toString()).toBe("one two three");
    expect(recording.chunks.length).toBeGreaterThanOrEqual(3);
    const first = recording.chunks[0]?.atMs ?? Number.NaN;
    const last = recording.chunks.at(-1)?.atMs ?? Number.NaN;
    expect(last - first).toBeGreaterThanOrEqual(2 * 150 * 0.8);
    expect(recording.error).toBeUndefined();
  });

  test("records a failure in the middle of a stream from the error trailers", async () => {
    const recording = await streaming.runtimeApi.invoke({ parts: ["partial"], gapMs: 0, fail: true }).result;
    expect(recording.outcome).toBe("response");
    expect(Buffer.concat(recording.chunks.map((chunk) => chunk.bytes)).toString()).toBe("partial");
    expect(recording.trailers["lambda-runtime-function-error-type"]).toBe("Error");
    expect(recording.error).toMatchObject({ type: "Error", body: { errorType: "Error", errorMessage: "failed mid-stream" } });
  });

  test("records a buffered response, and a buffered failure posted to …/error", async () => {
    const answered = await buffered.runtimeApi.invoke({ parts: ["a", "b"] }).result;
    expect(answered.outcome).toBe("response");
    expect(answered.responseMode).toBeUndefined();
    expect(JSON.parse(Buffer.concat(answered.chunks.map((chunk) => chunk.bytes)).toString())).toEqual({ echoed: "ab" });

    const failed = await buffered.runtimeApi.invoke({ parts: [], fail: true }).result;
    expect(failed.outcome).toBe("error");
    expect(failed.error).toMatchObject({ type: "TypeError", body: { errorType: "TypeError", errorMessage: "failed before answering" } });
  });
});
