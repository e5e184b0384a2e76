// Where the per-token CPU goes, stage by stage, without HTTP or Next's server: the chat response
// pipeline is built up one stage at a time and fed the same model stream (Chat Completions SSE of
// N tokens, one network-sized chunk per event, read from memory as fast as it goes); each row adds
// one stage to the previous one, so the difference between rows is that stage's cost per token.
// Run without AsyncLocalStorage and then inside three nested AsyncLocalStorage contexts, as Next
// runs a route handler (work, work-unit and action storages: three `run`s per request). On Node 22
// that turned on a promise hook for every promise; Node 24 keeps the context in a frame instead
// (the `await` cost it prints shows which).
//
// A measurement, not a test: it prints a Markdown table and asserts nothing about the figures.
//   npx vitest run --project bench-stream-stages      (STAGES_TOKENS, default 2000; STAGES_ROUNDS, default 11)
import { AsyncLocalStorage, createHook } from "node:async_hooks";
import { cpus, totalmem } from "node:os";
import { Writable } from "node:stream";
import { createOpenAI } from "@ai-sdk/openai";
import {
  consumeStream,
  createUIMessageStream,
  createUIMessageStreamResponse,
  experimental_streamLanguageModelCall as streamLanguageModelCall,
  experimental_streamTextLowMemory as streamTextLowMemory,
  JsonToSseTransformStream,
  streamText,
  toUIMessageStream,
} from "ai";
import { createRequire } from "node:module";
import { test } from "vitest";
import { streamChat } from "@/lib/chat/stream-chat";
import { toolDefinitions } from "@/tools";
import type { ChatMessage } from "@/lib/message/chat-message";

const TOKENS = Number(process.env.STAGES_TOKENS ?? 2000);
const ROUNDS = Number(process.env.STAGES_ROUNDS ?? 11);
const HEARTBEAT_MS = 15_000;

// --- the model's stream: the fake model's exact events, one Uint8Array per event -----------------
const encoder = new TextEncoder();
const head = `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench","service_tier":"default","system_fingerprint":"fp_fake0001","choices":[`;
const events = [
  `${head}{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"abc"}\n\n`,
  ...Array.from({ length: TOKENS }, (_, index) => `${head}{"index":0,"delta":{"content":" t${index}"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"abcdef"}\n\n`),
  `${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"abc"}\n\n`,
  `${head}],"usage":{"prompt_tokens":10,"completion_tokens":${TOKENS},"total_tokens":${TOKENS + 10}},"obfuscation":"abc"}\n\n`,
  "data: [DONE]\n\n",
].map((event) => encoder.encode(event));

function modelBody(): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < events.length) controller.enqueue(events[index++]);
      else controller.close();
    },
  });
}

const model = createOpenAI({
  apiKey: "bench",
  baseURL: "http://model.invalid/v1",
  fetch: async () => new Response(modelBody(), { status: 200, headers: { "content-type": "text/event-stream" } }),
}).chat("bench");

const userMessage: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "Count." }] };

/** A response's body; every response here has one. */
function bodyOf(response: Response): ReadableStream<Uint8Array> {
  if (!response.body) throw new Error("The response has no body.");
  return response.body;
}

/** `values[index]`, which exists for every stage index. */
function valueAt(values: number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new Error(`No value for stage ${index}.`);
  return value;
}

async function drain(stream: ReadableStream<unknown>): Promise<number> {
  const reader = stream.getReader();
  let count = 0;
  for (;;) {
    const { done } = await reader.read();
    if (done) return count;
    count += 1;
  }
}

const uiStream = () => toUIMessageStream({ stream: streamText({ model, prompt: "Count." }).stream });
const createdStream = () =>
  createUIMessageStream({
    execute: ({ writer }) => writer.merge(uiStream()),
    onEnd: async () => undefined,
  });

// Next's own last stage: `pipeToNodeResponse` (a WritableStream that writes and flushes each chunk)
// into a response that discards the bytes.
const require = createRequire(import.meta.url);
const { pipeToNodeResponse } = require("next/dist/server/pipe-readable") as {
  pipeToNodeResponse: (readable: ReadableStream<Uint8Array>, response: unknown) => Promise<void>;
};
class NullResponse extends Writable {
  headersSent = false;
  override _write(_chunk: unknown, _encoding: BufferEncoding, callback: () => void) {
    callback();
  }
  flushHeaders() {
    this.headersSent = true;
  }
}
async function pipeLikeNext(body: ReadableStream<Uint8Array>): Promise<number> {
  const response = new NullResponse();
  await pipeToNodeResponse(body, response);
  return TOKENS;
}

const appEnv = { MAX_STEPS: 5, MAX_TOOL_CALLS_PER_STEP: 10, MAX_OUTPUT_TOKENS: 16_384, TOOL_TIMEOUT_MS: 30_000, MODEL_MAX_RETRIES: 0, HEARTBEAT_MS, STREAM_MAX_UNREAD_BYTES: 4 * 1024 * 1024 };
const appResponse = () =>
  streamChat({ messages: [userMessage], chatModel: { model, label: "bench", id: "test", contextWindow: 128_000, keepsEarlierReasoning: false }, env: appEnv, tools: toolDefinitions, onEnd: async () => ({ saved: true }) });

/** `base`: the row this one adds a stage to (default: the row above); `null` for an absolute row. */
type Stage = { name: string; run: () => Promise<number>; base?: number | null };
const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "Count." }] }];
const stages: Stage[] = [
  /* 0 */ { name: "model body only (ReadableStream of the SSE bytes)", run: () => drain(modelBody()), base: null },
  /* 1 */ { name: "+ @ai-sdk/openai doStream (Response body, SSE parser, JSON parse + zod validation per chunk)", run: async () => drain((await model.doStream({ prompt })).stream) },
  /* 2 */ { name: "+ streamLanguageModelCall (one model call as the AI SDK wraps it)", run: async () => drain((await streamLanguageModelCall({ model, prompt: "Count." })).stream) },
  /* 3 */ { name: "+ streamText(…).stream (steps, tool execution, callbacks, result promises)", run: () => drain(streamText({ model, prompt: "Count." }).stream), base: 1 },
  /* 4 */ { name: "+ toUIMessageStream", run: () => drain(uiStream()) },
  /* 5 */ { name: "+ createUIMessageStream (writer.merge, onEnd state)", run: () => drain(createdStream()) },
  /* 6 */ { name: "+ JsonToSseTransformStream (JSON.stringify → `data: …`)", run: () => drain(createdStream().pipeThrough(new JsonToSseTransformStream())) },
  /* 7 */ { name: "+ TextEncoderStream (= createUIMessageStreamResponse without keepAliveMs)", run: () => drain(bodyOf(createUIMessageStreamResponse({ stream: createdStream() }))) },
  /* 8 */ { name: "+ keep-alive wrapper (keepAliveMs: a ReadableStream pulling a reader; a timer reset per chunk)", run: () => drain(bodyOf(createUIMessageStreamResponse({ stream: createdStream(), keepAliveMs: HEARTBEAT_MS }))) },
  /* 9 */ { name: "+ consumeSseStream: consumeStream (tee + a second reader)", run: () => drain(bodyOf(createUIMessageStreamResponse({ stream: createdStream(), keepAliveMs: HEARTBEAT_MS, consumeSseStream: consumeStream }))) },
  /* 10 */ { name: "the app's streamChat() instead (the same stages + its tools, messageMetadata, telemetry hooks)", run: () => drain(bodyOf(appResponse())) },
  /* 11 */ { name: "+ Next's pipeToNodeResponse (a WritableStream: write + flush per chunk)", run: () => pipeLikeNext(bodyOf(appResponse())) },
  /* 12 */ { name: "(alternative to row 3) streamTextLowMemory(…).stream", run: () => drain(streamTextLowMemory({ model, prompt: "Count." }).stream), base: 1 },
];

function nested(storages: AsyncLocalStorage<object>[], run: () => Promise<number>): Promise<number> {
  const [first, ...rest] = storages;
  return first ? first.run({}, () => nested(rest, run)) : run();
}

/** Median µs of CPU per token of each stage; rounds go round-robin over the stages, so drift (JIT, other load) spreads evenly. */
async function measureAll(storages: AsyncLocalStorage<object>[]): Promise<number[]> {
  const perStage: number[][] = stages.map(() => []);
  for (let round = 0; round < ROUNDS + 2; round += 1) {
    for (const [index, stage] of stages.entries()) {
      const before = process.cpuUsage();
      await nested(storages, stage.run);
      const used = process.cpuUsage(before);
      if (round >= 2) perStage[index]?.push((used.user + used.system) / TOKENS); // 2 warm-up rounds
    }
  }
  return perStage.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN);
}

/** Promises created per token by each stage (exact: counted by an async hook, in a separate pass). */
async function countPromises(): Promise<number[]> {
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") promises += 1;
    },
  }).enable();
  const counts: number[] = [];
  for (const stage of stages) {
    promises = 0;
    await stage.run();
    counts.push(promises / TOKENS);
  }
  hook.disable();
  return counts;
}

/** µs per `await` of a resolved promise: shows whether promise hooks are on. */
async function awaitCost(): Promise<number> {
  const count = 200_000;
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await null;
  return ((performance.now() - started) * 1000) / count;
}

test("per-token CPU of each stage of the chat response pipeline", { timeout: 600_000 }, async () => {
  const plainAwait = await awaitCost();
  const plain = await measureAll([]);

  const storages = [new AsyncLocalStorage<object>(), new AsyncLocalStorage<object>(), new AsyncLocalStorage<object>()];
  const hookedAwait = await nested(storages, awaitCost);
  const hooked = await measureAll(storages);
  for (const storage of storages) storage.disable();
  const promises = await countPromises();

  const format = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
  const lines = [
    `# CPU per token of each stream stage — ${new Date().toISOString()}`,
    "",
    `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${TOKENS} tokens per run, median of ${ROUNDS} runs (after 2 warm-up runs); CPU = user + system of this process (includes GC threads).`,
    `An \`await\` costs ${format(plainAwait * 1000)} ns without AsyncLocalStorage and ${format(hookedAwait * 1000)} ns inside 3 AsyncLocalStorage contexts.`,
    "",
    "| # | stage (each row adds one stage to the row above unless said otherwise) | µs / token | this stage | µs / token inside 3 ALS contexts (as in Next) | this stage | promises / token | this stage |",
    "|---|---|---|---|---|---|---|---|",
    ...stages.map((stage, index) => {
      const base = stage.base === undefined ? index - 1 : stage.base;
      const delta = (values: number[]) => valueAt(values, index) - (base === null ? 0 : valueAt(values, base));
      return `| ${index} | ${stage.name} | ${format(valueAt(plain, index))} | ${format(delta(plain))} | ${format(valueAt(hooked, index))} | ${format(delta(hooked))} | ${format(valueAt(promises, index))} | ${format(delta(promises))} |`;
    }),
  ];
  console.log(lines.join("\n"));
});

