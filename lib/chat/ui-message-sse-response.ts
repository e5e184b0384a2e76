import { UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";

const STREAM_OPEN = ": stream-open\n\n";
const KEEP_ALIVE = ": keep-alive\n\n";
const DONE = "data: [DONE]\n\n";

export type UIMessageSseResponseOptions = {
  stream: ReadableStream<UIMessageChunk>;
  /** A `: keep-alive` comment goes out after this long without anything else. */
  keepAliveMs: number;
  headers?: Record<string, string>;
};

/**
 * The UI message stream as the AI SDK's Server-Sent Events response, in one stage: what
 * `createUIMessageStreamResponse({ keepAliveMs, consumeSseStream: consumeStream })` sends, byte
 * for byte, which it builds with four streams per chunk (JSON to SSE, the keep-alive wrapper and
 * its timer reset, a tee with a second reader, text encoding), each a cost on every token
 * (bench/README.md, "Tried: kept and rejected").
 *
 * The answer is read to its end whether the client stays or not: a client that goes away does not
 * stop the answer (only Stop does), so it is still saved when it completes.
 */
export function uiMessageSseResponse({ stream, keepAliveMs, headers }: UIMessageSseResponseOptions): Response {
  const encoder = new TextEncoder();
  let client: ReadableStreamDefaultController<Uint8Array> | undefined;
  let lastSentAt = performance.now();
  let keepAliveTimer: ReturnType<typeof setTimeout> | undefined;

  const send = (text: string) => {
    lastSentAt = performance.now();
    client?.enqueue(encoder.encode(text));
  };
  // One timer for the whole stream, not one reset per chunk: when it fires it looks at how long
  // the stream has been silent and either sends a keep-alive or waits for the rest of the silence.
  const scheduleKeepAlive = (delayMs: number) => {
    keepAliveTimer = setTimeout(() => {
      const silentMs = performance.now() - lastSentAt;
      if (silentMs >= keepAliveMs) send(KEEP_ALIVE);
      scheduleKeepAlive(silentMs >= keepAliveMs ? keepAliveMs : keepAliveMs - silentMs);
    }, delayMs);
  };

  async function forward(reader: ReadableStreamDefaultReader<UIMessageChunk>) {
    try {
      for (let result = await reader.read(); !result.done; result = await reader.read()) {
        send(`data: ${JSON.stringify(result.value)}\n\n`);
      }
      send(DONE);
      client?.close();
    } catch (error) {
      client?.error(error);
    } finally {
      clearTimeout(keepAliveTimer);
      client = undefined;
    }
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      client = controller;
      send(STREAM_OPEN);
      scheduleKeepAlive(keepAliveMs);
      void forward(stream.getReader());
    },
    cancel() {
      // The client went away: stop sending, go on reading.
      client = undefined;
    },
  });

  const responseHeaders = new Headers(headers);
  for (const [name, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) {
    if (!responseHeaders.has(name)) responseHeaders.set(name, value);
  }
  // A hop-by-hop header the AI SDK's set includes: meaningless behind Lambda, CloudFront or any proxy.
  responseHeaders.delete("connection");
  return new Response(body, { headers: responseHeaders });
}
