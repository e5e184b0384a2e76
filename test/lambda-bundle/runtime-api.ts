import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A local Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html),
// the side of Lambda that the runtime client (aws-lambda-ric) talks to: it hands out queued
// invocations one at a time on the long-polled `next`, and records each response as it arrives,
// buffered or streamed (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming),
// chunk by chunk with arrival times.

const API = "/2018-06-01/runtime";
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:parley-server";

type RecordedChunk = { atMs: number; bytes: Buffer };

export type InvocationRecording = {
  requestId: string;
  /** When the runtime received the event (`next` answered), performance.now() of this process. */
  handedOutAtMs: number;
  /** How the runtime answered: `response` (buffered or streamed), `error` (POST …/error), not at all (`aborted`), or not yet. */
  outcome: "pending" | "response" | "error" | "aborted";
  /** The `Lambda-Runtime-Function-Response-Mode` header of the response: "streaming", or undefined for a buffered response. */
  responseMode: string | undefined;
  /** The response's Content-Type header (for a streamed HTTP response: application/vnd.awslambda.http-integration-response). */
  contentType: string | undefined;
  /** The response body as it arrived, chunk by chunk. */
  chunks: RecordedChunk[];
  /** When the response (or error) was complete. */
  endedAtMs: number;
  /** Trailers of a streamed response; a failure mid-stream sets Lambda-Runtime-Function-Error-Type/-Body. */
  trailers: Record<string, string>;
  /** The error the runtime reported (POST …/error, or the error trailers), decoded. */
  error: { type: string | undefined; body: unknown } | undefined;
};

export type Invocation = {
  requestId: string;
  /** Resolves with the whole recording once the runtime has finished answering. */
  result: Promise<InvocationRecording>;
  /** The recording so far (chunks keep arriving while the response streams). */
  progress: InvocationRecording;
  /** Resolves once `condition` holds for the recording so far (checked on every chunk), or the invocation ended. */
  waitUntil(condition: (recording: InvocationRecording) => boolean): Promise<void>;
};

type Pending = { requestId: string; event: unknown; deadlineMs: number; recording: InvocationRecording; settle: (recording: InvocationRecording) => void; fail: (error: Error) => void; listeners: Set<() => void> };

export type RuntimeApi = {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
  address: string;
  /** Queues an event; the runtime receives it on its next `next` call. */
  invoke(event: unknown, options?: { timeoutMs?: number }): Invocation;
  /** Resolves with the time of the runtime's first `next` call: its init phase is over. */
  firstPoll: Promise<number>;
  /** An init error the runtime reported (POST /runtime/init/error), if any. */
  initError: { type: string | undefined; body: unknown } | undefined;
  /** Fails what is queued or running (e.g. the runtime process exited). */
  abortAll(reason: string): void;
  close(): Promise<void>;
};

export async function startRuntimeApi(): Promise<RuntimeApi> {
  const queue: Pending[] = [];
  const byId = new Map<string, Pending>();
  let running: Pending | undefined;
  let waitingPoll: ServerResponse | undefined;
  let resolveFirstPoll: (atMs: number) => void = () => {};
  const firstPoll = new Promise<number>((resolve) => (resolveFirstPoll = resolve));
  let initError: RuntimeApi["initError"];

  /** Answers the waiting `next` poll with the next queued event, once nothing is running. */
  const handOut = () => {
    if (!waitingPoll || running || queue.length === 0) return;
    const pending = queue.shift() as Pending;
    const response = waitingPoll;
    waitingPoll = undefined;
    running = pending;
    pending.recording.handedOutAtMs = performance.now();
    response.writeHead(200, {
      "content-type": "application/json",
      "lambda-runtime-aws-request-id": pending.requestId,
      "lambda-runtime-deadline-ms": String(pending.deadlineMs),
      "lambda-runtime-invoked-function-arn": FUNCTION_ARN,
      "lambda-runtime-trace-id": `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll("-", "").slice(0, 24)};Parent=${randomUUID().replaceAll("-", "").slice(0, 16)};Sampled=0`,
    });
    response.end(JSON.stringify(pending.event));
  };

  const finish = (pending: Pending, outcome: InvocationRecording["outcome"]) => {
    pending.recording.outcome = outcome;
    pending.recording.endedAtMs = performance.now();
    byId.delete(pending.requestId);
    if (running === pending) running = undefined;
    for (const listener of pending.listeners) listener();
    pending.settle(pending.recording);
    handOut();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ errorMessage: String(error), errorType: "Harness.Error" }));
    });
  });
  // The `next` call is a long poll, and the runtime keeps its connection between invocations.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  server.headersTimeout = 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", "http://runtime").pathname;

    if (request.method === "GET" && path === `${API}/invocation/next`) {
      resolveFirstPoll(performance.now());
      if (waitingPoll) throw new Error("The runtime polled `next` twice at once.");
      waitingPoll = response;
      response.once("close", () => {
        if (waitingPoll === response) waitingPoll = undefined;
      });
      handOut();
      return;
    }

    if (request.method === "POST" && path === `${API}/init/error`) {
      initError = await readError(request);
      accepted(response);
      for (const pending of [...queue, ...(running ? [running] : [])]) pending.fail(new Error(`The function failed to initialize: ${JSON.stringify(initError)}`));
      return;
    }

    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    const pending = match && request.method === "POST" ? byId.get(decodeURIComponent(match[1] ?? "")) : undefined;
    if (!match || !pending) {
      response.writeHead(match ? 400 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify({ errorMessage: `Unknown request: ${request.method} ${path}`, errorType: match ? "InvalidRequestID" : "NotFound" }));
      return;
    }

    const recording = pending.recording;
    if (match[2] === "error") {
      recording.error = await readError(request);
      accepted(response);
      finish(pending, "error");
      return;
    }

    recording.responseMode = header(request, "lambda-runtime-function-response-mode");
    recording.contentType = header(request, "content-type");
    let ended = false;
    request.on("data", (bytes: Buffer) => {
      recording.chunks.push({ atMs: performance.now(), bytes });
      for (const listener of pending.listeners) listener();
    });
    request.once("end", () => {
      ended = true;
      recording.trailers = Object.fromEntries(Object.entries(request.trailers).map(([name, value]) => [name.toLowerCase(), String(value)]));
      const errorType = recording.trailers["lambda-runtime-function-error-type"];
      if (errorType !== undefined) {
        const encoded = recording.trailers["lambda-runtime-function-error-body"];
        recording.error = { type: errorType, body: encoded === undefined ? undefined : parseJson(Buffer.from(encoded, "base64").toString("utf8")) };
      }
      accepted(response);
      finish(pending, "response");
    });
    request.once("close", () => {
      if (!ended) finish(pending, "aborted");
    });
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    firstPoll,
    get initError() {
      return initError;
    },
    invoke(event, { timeoutMs = 300_000 } = {}) {
      const requestId = randomUUID();
      const recording: InvocationRecording = {
        requestId,
        handedOutAtMs: Number.NaN,
        outcome: "pending",
        responseMode: undefined,
        contentType: undefined,
        chunks: [],
        endedAtMs: Number.NaN,
        trailers: {},
        error: undefined,
      };
      let settle: Pending["settle"] = () => {};
      let fail: Pending["fail"] = () => {};
      const result = new Promise<InvocationRecording>((resolve, reject) => {
        settle = resolve;
        fail = reject;
      });
      const pending: Pending = { requestId, event, deadlineMs: Date.now() + timeoutMs, recording, settle, fail, listeners: new Set() };
      // A failed invocation that nobody awaits must not crash the test run.
      result.catch(() => {});
      queue.push(pending);
      byId.set(requestId, pending);
      handOut();
      return {
        requestId,
        result,
        progress: recording,
        waitUntil: (condition) =>
          new Promise<void>((resolve) => {
            const check = () => {
              if (!byId.has(requestId) || condition(recording)) {
                pending.listeners.delete(check);
                resolve();
              }
            };
            pending.listeners.add(check);
            check();
          }),
      };
    },
    abortAll(reason) {
      for (const pending of [...queue, ...(running ? [running] : [])]) {
        byId.delete(pending.requestId);
        pending.recording.outcome = "aborted";
        for (const listener of pending.listeners) listener();
        pending.fail(new Error(reason));
      }
      queue.length = 0;
      running = undefined;
    },
    async close() {
      waitingPoll?.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** An error report: the type from the optional Lambda-Runtime-Function-Error-Type header (aws-lambda-ric 4 sends it only at init), else from the body. */
async function readError(request: IncomingMessage): Promise<{ type: string | undefined; body: unknown }> {
  const body = parseJson((await readBody(request)).toString("utf8"));
  const typeInBody = typeof body === "object" && body !== null && "errorType" in body ? String(body.errorType) : undefined;
  return { type: header(request, "lambda-runtime-function-error-type") ?? typeInBody, body };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function accepted(response: ServerResponse) {
  response.writeHead(202, { "content-type": "application/json" });
  response.end(JSON.stringify({ status: "OK" }));
}
