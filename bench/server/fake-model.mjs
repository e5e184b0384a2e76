// A paced, cheap fake of OpenAI's streamed Chat Completions API for load benchmarks, meant to run in
// its own process (so its CPU is its own and measurable):
//
//   node_modules/.bin/node bench/server/fake-model.mjs [--first-token-ms 300] [--interval-ms 10] [--tokens 500] [--port 0]
//
// It prints one JSON line `{"port":…,"pid":…}` when it listens.
//
// - POST /v1/chat/completions (stream: true): the real wire format, its chunks built by
//   test/fixtures/fake-openai/chat-completion-chunks.ts as the e2e fake's are (role chunk at once,
//   one `chat.completion.chunk` per text delta, a finish chunk, the usage chunk when asked for,
//   `data: [DONE]`). The first text delta leaves `first-token-ms` after the request, then one every
//   `interval-ms`.
// - Token i is the text " t<i>", so a client can tell which token arrived, whatever path it took.
// - A request names its stream with a marker anywhere in its body: `[bench:<key>]`,
//   `[bench:<key>:<tokens>]` or `[bench:<key>:<tokens>:<first-token-ms>]` (key: letters, digits, "_", "-"). The fake records when it wrote each
//   token of each stream (epoch ms, `performance.timeOrigin + performance.now()`, comparable with
//   the same clock in other processes on this machine).
// - GET /__emissions?prefix=<p>: `{ <key>: { requestAt, emissions: [ms…] } }` for the streams whose
//   key starts with <p>, and forgets them. GET /__health: 200.
//
// Cheap on purpose: ONE timer drives every open stream (set for the earliest due token, at most
// one wake-up per millisecond); each token is one string concatenation and one `write`: a stream's
// text chunk is built once with placeholders and cut at them.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { chatCompletionChunks, STREAM_DONE } from "../../test/fixtures/fake-openai/chat-completion-chunks.ts";
import { newChatCompletionId, obfuscation } from "../../test/fixtures/fake-openai/ids.ts";

const { values: options } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "first-token-ms": { type: "string", default: "300" },
    "interval-ms": { type: "string", default: "10" },
    tokens: { type: "string", default: "500" },
  },
});
const FIRST_TOKEN_MS = Number(options["first-token-ms"]);
const INTERVAL_MS = Number(options["interval-ms"]);
const DEFAULT_TOKENS = Number(options.tokens);

const now = () => performance.timeOrigin + performance.now();
// Each token's padding comes from a few made in advance.
const obfuscations = Array.from({ length: 64 }, obfuscation);
const CONTENT = "@content@";
const OBFUSCATION = "@obfuscation@";
/** A chunk's data cut at the placeholders, so the values can go between the pieces. */
function cutAt(chunk, ...placeholders) {
  const pieces = [];
  let rest = JSON.stringify(chunk);
  for (const placeholder of placeholders) {
    const at = rest.indexOf(placeholder);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + placeholder.length);
  }
  return [...pieces, rest];
}
const event = (data) => `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

/** @type {Set<Stream>} */
const open = new Set();
/** @type {Map<string, { requestAt: number, emissions: Float64Array }>} */
const records = new Map();

/**
 * @typedef {{ response: import("node:http").ServerResponse, beforeContent: string, beforeObfuscation: string,
 *   end: string, finish: string, tokens: number, next: number, due: number, emissions: Float64Array }} Stream
 */

// --- the one timer ---------------------------------------------------------------------------
// It fires when the earliest open stream is due (never more often than every millisecond), emits
// every token that is due by then, and sets itself for the next earliest one.
let timer;
let timerAt = Infinity;
function schedule(at) {
  if (at >= timerAt) return;
  clearTimeout(timer);
  timerAt = Math.max(at, now() + 1);
  timer = setTimeout(tick, timerAt - now());
}
function tick() {
  timerAt = Infinity;
  const at = now() + 0.25; // a token due within the next quarter millisecond goes now
  let next = Infinity;
  for (const stream of open) {
    // At most one token per stream per tick: a late tick does not burst.
    if (stream.due <= at) emit(stream);
    if (open.has(stream) && stream.due < next) next = stream.due;
  }
  if (next !== Infinity) schedule(next);
}

function emit(stream) {
  const index = stream.next;
  if (stream.response.destroyed) return close(stream);
  stream.response.write(`${stream.beforeContent} t${index}${stream.beforeObfuscation}${obfuscations[index & 63]}${stream.end}`);
  stream.emissions[index] = now();
  stream.next += 1;
  stream.due += INTERVAL_MS;
  if (stream.next === stream.tokens) {
    stream.response.end(stream.finish);
    close(stream);
  }
}

function close(stream) {
  open.delete(stream);
}

// --- HTTP --------------------------------------------------------------------------------------
const markerPattern = /\[bench:([A-Za-z0-9_-]{1,100})(?::(\d{1,6}))?(?::(\d{1,6}))?\]/;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://fake");
  if (request.method === "GET" && url.pathname === "/__health") return json(response, 200, { ok: true });
  if (request.method === "GET" && url.pathname === "/__emissions") {
    const prefix = url.searchParams.get("prefix") ?? "";
    const result = {};
    for (const [key, record] of records) {
      if (!key.startsWith(prefix)) continue;
      result[key] = { requestAt: record.requestAt, emissions: Array.from(record.emissions) };
      records.delete(key);
    }
    return json(response, 200, result);
  }
  if (request.method === "POST" && url.pathname.endsWith("/chat/completions")) {
    const requestAt = now();
    const parts = [];
    request.on("data", (part) => parts.push(part));
    request.on("end", () => answer(Buffer.concat(parts).toString("utf8"), requestAt, response));
    return;
  }
  json(response, 404, { error: { message: `Invalid URL (${request.method} ${url.pathname})`, type: "invalid_request_error" } });
});

function answer(text, requestAt, response) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return json(response, 400, { error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" } });
  }
  if (body.stream !== true) return json(response, 400, { error: { message: "This fake only streams.", type: "invalid_request_error" } });
  const marker = markerPattern.exec(text);
  const key = marker?.[1] ?? `anonymous-${crypto.randomUUID()}`;
  const tokens = marker?.[2] ? Number(marker[2]) : DEFAULT_TOKENS;
  const firstTokenMs = marker?.[3] ? Number(marker[3]) : FIRST_TOKEN_MS;
  const includeUsage = body.stream_options?.include_usage === true;
  const model = typeof body.model === "string" ? body.model : "gpt-fake";

  const answered = { id: newChatCompletionId(), created: Math.floor(Date.now() / 1000), model, includeUsage };
  const chunks = chatCompletionChunks(answered, obfuscation);
  const textChunk = chatCompletionChunks(answered, () => OBFUSCATION).text(CONTENT);
  const [beforeContent, beforeObfuscation, end] = cutAt(textChunk, CONTENT, OBFUSCATION);
  const usage = { inputTokens: Math.ceil(text.length / 4), outputTokens: tokens };

  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  response.write(event(chunks.role(true)));

  const emissions = new Float64Array(tokens).fill(Number.NaN);
  records.set(key, { requestAt, emissions });
  const stream = {
    response,
    beforeContent: `data: ${beforeContent}`,
    beforeObfuscation,
    end: `${end}\n\n`,
    finish: event(chunks.finish("stop")) + (includeUsage ? event(chunks.usage(usage)) : "") + event(STREAM_DONE),
    tokens,
    next: 0,
    due: requestAt + firstTokenMs,
    emissions,
  };
  if (tokens === 0) {
    response.end(stream.finish);
    return;
  }
  response.on("close", () => close(stream));
  open.add(stream);
  schedule(stream.due);
}

function json(response, status, value) {
  const text = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

server.keepAliveTimeout = 60_000;
server.listen(Number(options.port), options.host, () => {
  console.log(JSON.stringify({ port: server.address().port, pid: process.pid }));
});
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
