import { randomUUID } from "node:crypto";
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from "node:zlib";
import type { LambdaFunctionURLEvent } from "aws-lambda";
import type { InvocationRecording } from "./runtime-api";

// Both ends of a Lambda Function URL: the event it sends the function (payload format 2.0,
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads) and the
// HTTP response it makes of the function's answer, streamed (prelude JSON, 8 NUL bytes, body)
// or buffered (a JSON result with the body in it).

const DOMAIN = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws";

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and optional query, e.g. "/api/chats/abc?x=1". */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body (serialized) or text. */
  body?: unknown;
  /** Send the body base64-encoded, as a Function URL does for binary content types. */
  base64?: boolean;
};

export function functionUrlEvent({ method = "GET", path, headers = {}, body, base64 = false }: RequestOptions): LambdaFunctionURLEvent {
  const [rawPath = "/", rawQueryString = ""] = path.split(/\?(.*)/s);
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const now = new Date();
  const sourceIp = "203.0.113.7";
  const userAgent = "parley-lambda-test";
  const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers: {
      host: DOMAIN,
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      "x-forwarded-for": sourceIp,
      "x-amzn-trace-id": `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      "x-amzn-tls-version": "TLSv1.3",
      "x-amzn-tls-cipher-suite": "TLS_AES_128_GCM_SHA256",
      "user-agent": userAgent,
      accept: "*/*",
      ...(text === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }),
      ...lowerHeaders,
    },
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
    requestContext: {
      accountId: "anonymous",
      apiId: DOMAIN.split(".")[0] ?? "",
      domainName: DOMAIN,
      domainPrefix: DOMAIN.split(".")[0] ?? "",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp, userAgent },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(text === undefined ? {} : { body: base64 ? Buffer.from(text).toString("base64") : text }),
    isBase64Encoded: text !== undefined && base64,
  };
}

/** The HTTP response a Function URL client receives, with when each part of the body arrived. */
export type HttpResponse = {
  /** "streaming": the runtime posted the response in streaming mode; "buffered": as one JSON result. */
  mode: "streaming" | "buffered";
  statusCode: number;
  headers: Record<string, string>;
  /** The Set-Cookie values (a Function URL response carries them apart from the headers). */
  cookies: string[];
  /** The body as the client reads it (decompressed when content-encoding says so). */
  body: Buffer;
  /** How much of the (decoded) body had arrived at each moment a chunk arrived. */
  timeline: Array<{ atMs: number; bodyBytes: number }>;
};

const PRELUDE_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
const PRELUDE_DELIMITER = Buffer.alloc(8);

/** The response; of a streamed one that is still arriving (or was cut off), the part received so far. */
export function toHttpResponse(recording: InvocationRecording): HttpResponse {
  if (recording.outcome === "error" || recording.chunks.length === 0) {
    throw new Error(`The function did not answer (${recording.outcome}): ${JSON.stringify(recording.error)}`);
  }
  const complete = recording.outcome === "response";
  const raw = Buffer.concat(recording.chunks.map((chunk) => chunk.bytes));
  const endedAtMs = recording.chunks.at(-1)?.atMs ?? recording.endedAtMs;

  if (recording.responseMode !== "streaming") {
    if (!complete) throw new Error(`The buffered response is incomplete (${recording.outcome}).`);
    // A buffered result: { statusCode, headers, cookies, body, isBase64Encoded }, all of it at the end.
    const result = JSON.parse(raw.toString("utf8")) as {
      statusCode?: number;
      headers?: Record<string, string>;
      cookies?: string[];
      body?: string;
      isBase64Encoded?: boolean;
    };
    const headers = lowerCase(result.headers ?? {});
    const encoded = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
    const body = decode(encoded, headers["content-encoding"], false);
    return {
      mode: "buffered",
      statusCode: result.statusCode ?? 200,
      headers,
      cookies: result.cookies ?? [],
      body,
      timeline: [{ atMs: endedAtMs, bodyBytes: body.length }],
    };
  }

  if (recording.contentType !== PRELUDE_CONTENT_TYPE) {
    // A streamed body without the HTTP prelude: Lambda answers 200 with the function's content type.
    return {
      mode: "streaming",
      statusCode: 200,
      headers: { "content-type": recording.contentType ?? "application/octet-stream" },
      cookies: [],
      body: raw,
      timeline: cumulative(recording).map(({ atMs, bytes }) => ({ atMs, bodyBytes: bytes })),
    };
  }

  const delimiterAt = raw.indexOf(PRELUDE_DELIMITER); // JSON text never holds a NUL byte
  if (delimiterAt < 0) throw new Error("The streamed response has no HTTP prelude (JSON, then 8 NUL bytes).");
  const prelude = JSON.parse(raw.subarray(0, delimiterAt).toString("utf8")) as { statusCode?: number; headers?: Record<string, string>; cookies?: string[] };
  const bodyStart = delimiterAt + PRELUDE_DELIMITER.length;
  const headers = lowerCase(prelude.headers ?? {});
  const encoding = headers["content-encoding"];
  const encoded = raw.subarray(bodyStart);
  const timeline = cumulative(recording)
    .filter(({ bytes }) => bytes > bodyStart)
    .map(({ atMs, bytes }) => ({ atMs, bodyBytes: decode(encoded.subarray(0, bytes - bodyStart), encoding, true).length }));
  return { mode: "streaming", statusCode: prelude.statusCode ?? 200, headers, cookies: prelude.cookies ?? [], body: decode(encoded, encoding, !complete), timeline };
}

function cumulative(recording: InvocationRecording) {
  let bytes = 0;
  return recording.chunks.map((chunk) => ({ atMs: chunk.atMs, bytes: (bytes += chunk.bytes.length) }));
}

/** Decodes a (possibly partial: `partial`) compressed body. */
function decode(body: Buffer, encoding: string | undefined, partial: boolean): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case "":
    case "identity":
      return body;
    case "gzip":
      return gunzipSync(body, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
    case "deflate":
      return inflateSync(body, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
    case "br":
      return brotliDecompressSync(body, partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {});
    default:
      throw new Error(`Unknown content-encoding: ${encoding}`);
  }
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** One server-sent event (or comment) of the body, with when it was complete at the client. */
export type TimedEvent = { atMs: number; kind: "data" | "comment"; text: string; chunkType?: string };

/** Splits an event-stream body into its events, each timed by the arrival of its last byte. */
export function timedEvents(response: HttpResponse): TimedEvent[] {
  const events: TimedEvent[] = [];
  const separator = Buffer.from("\n\n");
  let start = 0;
  for (let end = response.body.indexOf(separator, start); end >= 0; end = response.body.indexOf(separator, start)) {
    const block = response.body.subarray(start, end).toString("utf8");
    start = end + separator.length;
    const atMs = response.timeline.find((moment) => moment.bodyBytes >= start)?.atMs ?? Number.NaN;
    const lines = block.split("\n");
    const data = lines.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).replace(/^ /, ""));
    if (data.length > 0) {
      const text = data.join("\n");
      events.push({ atMs, kind: "data", text, chunkType: chunkTypeOf(text) });
    } else {
      events.push({ atMs, kind: "comment", text: lines.map((line) => line.replace(/^: ?/, "")).join("\n") });
    }
  }
  return events;
}

/** The events of a response that may still be arriving; none before its whole prelude arrived. */
export function eventsSoFar(recording: InvocationRecording): TimedEvent[] {
  try {
    return timedEvents(toHttpResponse(recording));
  } catch {
    return []; // nothing, or not the whole prelude, yet
  }
}

function chunkTypeOf(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    return typeof value.type === "string" ? value.type : undefined;
  } catch {
    return undefined; // [DONE]
  }
}
