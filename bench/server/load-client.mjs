// The load client of bench/server/run.mjs, in its own process (forked with IPC) so its CPU is
// separate from the server's and measurable. It starts N streams together and records, per
// stream, when the first byte, the first text token and every token arrived.
//
// Message in:  { type: "run", id, target: "floor" | "next" | "stack" | "app" | "cores", url, concurrency, rampMs?, tokens, firstTokenMs?, keyPrefix,
//                acceptEncoding, parser: "json" | "sdk", timeoutMs }
// Message out: { type: "result", id, streams: StreamRecord[], cpuMs: { user, system } }
//
// HTTP: node:http, one new connection per stream.
// Parsing (what the browser's AI SDK client does to each event, at two costs):
// - "json": split the SSE text into events, JSON.parse each `data:` payload (the default: cheap);
// - "sdk":  the AI SDK client's own parser, `parseJsonEventStream` + `uiMessageChunkSchema` from
//   `ai` (web streams, zod validation of every chunk), as `test/support/read-chat-stream.ts` does.
// Token i is the text " t<i>" (see fake-model.mjs); its arrival is the time of the event holding it.
import { Agent, request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { constants as zlibConstants, createGunzip } from "node:zlib";

const now = () => performance.timeOrigin + performance.now();
// A new connection per stream, as a browser tab opening a chat: a kept-alive socket that the server
// closes for idleness just as the next phase reuses it fails that stream (ECONNRESET), which is a
// race of the benchmark's own pooling, not a cost of either server.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const tokenPattern = /t(\d+)/g;

let sdk; // loaded on first use of the "sdk" parser
async function loadSdk() {
  sdk ??= await import("ai");
  return sdk;
}

process.on("message", async (message) => {
  if (message?.type !== "run") return;
  const cpuBefore = process.cpuUsage();
  if (message.parser === "sdk") await loadSdk();
  const starts = [];
  // Together (rampMs 0), or spread evenly over rampMs, as users who do not all press Send at once.
  const gap = (message.rampMs ?? 0) / message.concurrency;
  for (let index = 0; index < message.concurrency; index += 1) {
    const key = `${message.keyPrefix}${index}`;
    starts.push(gap > 0 ? new Promise((resolve) => setTimeout(resolve, index * gap)).then(() => runStream(message, key)) : runStream(message, key));
  }
  const streams = await Promise.all(starts);
  const cpu = process.cpuUsage(cpuBefore);
  process.send({ type: "result", id: message.id, streams, cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 } });
});

/**
 * @returns {Promise<{ key: string, startAt: number, responseAt: number, firstByteAt: number,
 *   firstTokenAt: number, endAt: number, arrivals: number[], status: number, contentEncoding: string,
 *   bytes: number, events: Record<string, number>, keepAlives: number, done: boolean, errors: string[] }>}
 */
function runStream({ target, url, tokens, firstTokenMs, acceptEncoding, parser, timeoutMs }, key) {
  // The model's own wire format: the model itself ("floor") or its stream passed through Next ("next").
  const modelFormat = target === "floor" || target === "next";
  const record = {
    key,
    startAt: now(),
    connectAt: Number.NaN,
    responseAt: Number.NaN,
    firstByteAt: Number.NaN,
    firstTokenAt: Number.NaN,
    endAt: Number.NaN,
    arrivals: new Array(tokens).fill(null),
    status: 0,
    contentEncoding: "",
    contentType: "",
    bytes: 0,
    events: {},
    keepAlives: 0,
    done: false,
    errors: [],
  };
  const marker = `[bench:${key}:${tokens}${firstTokenMs === undefined ? "" : `:${firstTokenMs}`}]`;
  const body =
    modelFormat
      ? JSON.stringify({ model: "bench", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: `Count. ${marker}` }] })
      : JSON.stringify({
          id: key,
          message: { id: `u-${key}`, role: "user", parts: [{ type: "text", text: `Count. ${marker}` }] },
          trigger: "submit-message",
        });
  const path = modelFormat ? "/v1/chat/completions" : "/api/chat";
  const headers = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    accept: modelFormat ? "text/event-stream" : "*/*",
    ...(modelFormat ? { authorization: "Bearer bench" } : {}),
    ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
  };

  const onToken = (text, at) => {
    tokenPattern.lastIndex = 0;
    for (let match = tokenPattern.exec(text); match; match = tokenPattern.exec(text)) {
      const index = Number(match[1]);
      if (index < tokens && record.arrivals[index] === null) record.arrivals[index] = at;
      else record.errors.push(`token ${index} twice or out of range`);
    }
    if (Number.isNaN(record.firstTokenAt)) record.firstTokenAt = at;
  };

  // One parsed event of the app's stream (a UI message chunk) or of the model's (a completion chunk).
  const onAppChunk = (chunk, at) => {
    const type = chunk?.type ?? "(no type)";
    record.events[type] = (record.events[type] ?? 0) + 1;
    if (type === "text-delta") onToken(chunk.delta, at);
    else if (type === "error") record.errors.push(`error chunk: ${chunk.errorText}`);
  };
  const onFloorChunk = (chunk, at) => {
    const content = chunk?.choices?.[0]?.delta?.content;
    record.events.chunk = (record.events.chunk ?? 0) + 1;
    if (content) onToken(content, at);
  };
  const onChunk = modelFormat ? onFloorChunk : onAppChunk;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      record.endAt = now();
      if (error) record.errors.push(String(error?.message ?? error));
      if (!error && !record.done) record.errors.push("the stream ended without [DONE]");
      const missing = record.arrivals.filter((at) => at === null).length;
      if (missing > 0) record.errors.push(`${missing} of ${tokens} tokens missing`);
      resolve(record);
    };
    const request = httpRequest(`${url}${path}`, { method: "POST", headers, agent });
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    request.on("error", finish);
    request.on("socket", (socket) => socket.once("connect", () => (record.connectAt = now())));
    request.on("response", (response) => {
      record.responseAt = now();
      record.status = response.statusCode ?? 0;
      record.contentEncoding = response.headers["content-encoding"] ?? "";
      record.contentType = response.headers["content-type"] ?? "";
      if (record.status !== 200) record.errors.push(`HTTP ${record.status}`);
      response.on("data", (part) => {
        if (Number.isNaN(record.firstByteAt)) record.firstByteAt = now();
        record.bytes += part.length;
      });
      response.on("error", finish);
      let body = response;
      if (record.contentEncoding === "gzip") {
        body = response.pipe(createGunzip({ flush: zlibConstants.Z_SYNC_FLUSH }));
        body.on("error", finish);
      }
      if (parser === "sdk" && !modelFormat) readWithSdk(body, record, onChunk).then(() => finish(), finish);
      else readSse(body, record, onChunk, finish);
    });
    request.end(body);
  });
}

/** Splits the SSE text into events; `data:` payloads are JSON (or `[DONE]`), `:` lines are comments. */
function readSse(body, record, onChunk, finish) {
  body.setEncoding("utf8");
  let buffer = "";
  body.on("data", (text) => {
    const at = now();
    buffer += text;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      for (const line of event.split("\n")) {
        if (line.startsWith("data: ")) {
          const payload = line.slice(6);
          if (payload === "[DONE]") {
            record.done = true;
            continue;
          }
          let chunk;
          try {
            chunk = JSON.parse(payload);
          } catch {
            record.errors.push(`invalid JSON event: ${payload.slice(0, 80)}`);
            continue;
          }
          onChunk(chunk, at);
        } else if (line.startsWith(":")) {
          if (line.includes("keep-alive")) record.keepAlives += 1;
        } else if (line !== "") {
          record.errors.push(`unexpected line: ${line.slice(0, 80)}`);
        }
      }
    }
  });
  body.on("end", () => finish());
  body.on("close", () => finish());
}

/** The AI SDK client's own parsing: SSE → JSON → `uiMessageChunkSchema` validation. */
async function readWithSdk(body, record, onChunk) {
  const { parseJsonEventStream, uiMessageChunkSchema } = await loadSdk();
  // The SDK's event stream parser hides the `[DONE]` terminator; watch the bytes for it.
  let tail = "";
  const bytes = Readable.toWeb(body).pipeThrough(
    new TransformStream({
      transform(part, controller) {
        tail = (tail + Buffer.from(part).toString("latin1")).slice(-32);
        controller.enqueue(typeof part === "string" ? new TextEncoder().encode(part) : part);
      },
    }),
  );
  const reader = parseJsonEventStream({ stream: bytes, schema: uiMessageChunkSchema }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const at = now();
    if (value.success) onChunk(value.value, at);
    else record.errors.push(`invalid chunk: ${String(value.error).slice(0, 120)}`);
  }
  record.done = tail.includes("data: [DONE]");
}
