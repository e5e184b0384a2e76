// Cold start, warm first byte and size of the streaming Lambda bundle (OpenNext, aws-lambda-streaming),
// run by AWS's runtime client against the local Runtime API of test/lambda-bundle/. A measurement, not a test:
// it prints a Markdown table for bench/README.md and asserts nothing about the figures, except in
// quick mode (LAMBDA_BENCH_QUICK=1: 1 cold run, 3 warm ones), which fails on a gross regression only.
// Usage: npm run bench:lambda
//        (LAMBDA_BENCH_COLD_RUNS, default 5; LAMBDA_BENCH_WARM_RUNS, default 20;
//        LAMBDA_BENCH_BUNDLE_DIR: measure another server function folder, e.g. one built with other options)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { expect, inject, test } from "vitest";
import { folderBytes } from "@/test/lambda-bundle/bundles";
import { startFunction } from "@/test/lambda-bundle/function-process";
import { functionUrlEvent, timedEvents, toHttpResponse } from "@/test/lambda-bundle/function-url";
import { chatRequest, startLocalLambda } from "@/test/lambda-bundle/lambda-harness";
import { type InvocationRecording, startRuntimeApi } from "@/test/lambda-bundle/runtime-api";
import { startLocalDynamoDB } from "@/test/support/local-dynamodb";

const QUICK = process.env.LAMBDA_BENCH_QUICK === "1";
const COLD_RUNS = Number(process.env.LAMBDA_BENCH_COLD_RUNS ?? (QUICK ? 1 : 5));
const WARM_RUNS = Number(process.env.LAMBDA_BENCH_WARM_RUNS ?? (QUICK ? 3 : 20));
/** Quick mode's gross-regression limits: 5× and 10× the targets (1 s cold, 50 ms warm). */
const QUICK_MAX_COLD_FIRST_BYTE_MS = 5_000;
const QUICK_MAX_WARM_FIRST_BYTE_MS = 500;
const QUESTION = "Hello";
/** One local user sends every invocation: the per-user quotas (20 messages a minute) would answer 429. */
const NO_QUOTAS = { RATE_LIMIT_MESSAGES_PER_MINUTE: "0", DAILY_TOKEN_BUDGET: "0" };

test("Lambda cold start, warm first byte and bundle size", { timeout: 900_000 }, async () => {
  const bundleDir = process.env.LAMBDA_BENCH_BUNDLE_DIR ?? inject("bundles").streaming;

  // 1. Cold starts: the invocation waits in the queue, as on Lambda, while a fresh process starts.
  const cold: Array<{ initMs: number; firstByteMs: number; firstTextMs: number; invokeFirstByteMs: number }> = [];
  for (let run = 0; run < COLD_RUNS; run += 1) {
    const dynamo = await startLocalDynamoDB();
    const runtimeApi = await startRuntimeApi();
    const invocation = runtimeApi.invoke(functionUrlEvent(chatRequest(`bench-${crypto.randomUUID()}`, QUESTION)));
    const functionProcess = startFunction({
      bundleDir,
      runtimeApi,
      env: { CHAT_STORE: "dynamodb", DYNAMODB_TABLE: "parley-lambda-bench", DYNAMODB_ENDPOINT: dynamo.endpoint, ...NO_QUOTAS },
    });
    try {
      const recording = await invocation.result;
      const started = functionProcess.spawnedAtMs;
      cold.push({
        initMs: (await runtimeApi.firstPoll) - started,
        firstByteMs: firstByteAt(recording) - started,
        firstTextMs: firstTextAt(recording) - started,
        invokeFirstByteMs: firstByteAt(recording) - recording.handedOutAtMs,
      });
    } finally {
      await functionProcess.stop();
      await runtimeApi.close();
      await dynamo.close();
    }
  }

  // 2. Warm: one process, one invocation to warm it, then one after another.
  const warm: Array<{ firstByteMs: number; firstTextMs: number }> = [];
  const lambda = await startLocalLambda({ bundleDir, env: NO_QUOTAS });
  try {
    await lambda.invoke(chatRequest(`bench-${crypto.randomUUID()}`, QUESTION)).result;
    for (let run = 0; run < WARM_RUNS; run += 1) {
      const recording = await lambda.invoke(chatRequest(`bench-${crypto.randomUUID()}`, QUESTION)).result;
      warm.push({ firstByteMs: firstByteAt(recording) - recording.handedOutAtMs, firstTextMs: firstTextAt(recording) - recording.handedOutAtMs });
    }
  } finally {
    await lambda.stop();
  }

  // 3. Size: the server function folder, and the zip Lambda would be given (symlinks kept as links).
  const bytes = folderBytes(bundleDir);
  const files = Number(spawnSync("find", [bundleDir, "-type", "f"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).length);
  const zipDir = mkdtempSync(join(tmpdir(), "parley-lambda-zip-"));
  let zippedBytes = Number.NaN;
  try {
    const zipped = spawnSync("zip", ["-qry", join(zipDir, "function.zip"), "."], { cwd: bundleDir });
    if (zipped.status === 0) zippedBytes = statSync(join(zipDir, "function.zip")).size;
  } finally {
    rmSync(zipDir, { recursive: true, force: true });
  }

  const cpu = cpus();
  const lines = [
    `${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, aws-lambda-ric 4.0.2, @opennextjs/aws 4.1.12, demo model at its default pace, question "${QUESTION}":`,
    "",
    "| what | median | min | max | runs |",
    "|---|---|---|---|---|",
    row("cold: process start → runtime ready (first `next` poll)", cold.map((run) => run.initMs)),
    row("cold: process start → first byte of the first invocation", cold.map((run) => run.firstByteMs)),
    row("cold: process start → first text delta", cold.map((run) => run.firstTextMs)),
    row("cold: first byte after the event was handed out", cold.map((run) => run.invokeFirstByteMs)),
    row("warm: event handed out → first byte", warm.map((run) => run.firstByteMs)),
    row("warm: event handed out → first text delta", warm.map((run) => run.firstTextMs)),
    "",
    `Bundle (\`.open-next/server-functions/default\`): ${mb(bytes)} in ${files} files; zipped (\`zip -qry\`): ${mb(zippedBytes)}.`,
  ];
  console.log(`\n${lines.join("\n")}\n`);

  if (QUICK) {
    expect(Math.max(...cold.map((run) => run.firstByteMs)), "cold start → first byte (ms)").toBeLessThanOrEqual(QUICK_MAX_COLD_FIRST_BYTE_MS);
    expect(Math.max(...warm.map((run) => run.firstByteMs)), "warm first byte (ms)").toBeLessThanOrEqual(QUICK_MAX_WARM_FIRST_BYTE_MS);
  }
});

/** When the first byte of the response body arrived (for a streamed response, the prelude). */
function firstByteAt(recording: InvocationRecording): number {
  return recording.chunks[0]?.atMs ?? Number.NaN;
}

function firstTextAt(recording: InvocationRecording): number {
  const response = toHttpResponse(recording);
  // A figure of an answer that did not stream would be no figure at all.
  if (response.statusCode !== 200) throw new Error(`The invocation answered HTTP ${response.statusCode}: ${response.body.toString("utf8", 0, 300)}`);
  const at = timedEvents(response).find((event) => event.chunkType === "text-delta")?.atMs;
  if (at === undefined) throw new Error("The invocation's answer has no text delta.");
  return at;
}

function row(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 === 1 ? (sorted[(sorted.length - 1) / 2] ?? Number.NaN) : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
  return `| ${label} | ${ms(median)} | ${ms(sorted[0] ?? Number.NaN)} | ${ms(sorted.at(-1) ?? Number.NaN)} | ${values.length} |`;
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
