import { UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";
import { UnreadText } from "./unread-text";

const STREAM_OPEN = ": stream-open\n\n";
const KEEP_ALIVE = ": keep-alive\n\n";
const DONE = "data: [DONE]\n\n";
/** The most characters handed to a reader at once, so the socket's own buffer stays small. */
const HAND_OVER_CHARS = 64 * 1024;

/** What a reader that fell too far behind gets in place of the rest of the answer. */
export const READER_CUT_OFF_TEXT =
  "The connection fell too far behind, so the rest of the answer was not sent. It is still being written and saved: reload the page to see it.";

export type UIMessageSseResponseOptions = {
  stream: ReadableStream<UIMessageChunk>;
  /** A `: keep-alive` comment goes out after this long without anything else. */
  keepAliveMs: number;
  /** The most bytes the response keeps for a reader that is not reading; past it, the reader is cut off. */
  maxUnreadBytes: number;
  /** Called once if the reader is cut off. */
  onReaderCutOff?: () => void;
  /**
   * The chunks that end the stream, once the source has ended, in place of its `finish` chunk
   * (held back until then; undefined when there was none). By default the `finish` chunk itself.
   */
  lastChunks?: (finish: UIMessageChunk | undefined) => UIMessageChunk[];
  /** Sees the JSON of every chunk the stream sends, the last ones included, whether or not a reader takes it. */
  onChunk?: (json: string) => void;
  /**
   * Awaited once the source has ended (or failed), before the reader hears the end: what its next
   * request must find done. Must not throw.
   */
  beforeEnd?: () => Promise<void>;
  /** Called once if the reader goes away (the response's body is cancelled). */
  onReaderGone?: () => void;
  headers?: Record<string, string>;
  /**
   * The events the client gets for a chunk (the JSON of each `data:` line), for a client that
   * speaks another format over the same Server-Sent Events (the /v1 API); `onChunk` still sees the
   * UI message chunks. By default the chunk's own JSON, with the AI SDK's stream headers.
   */
  present?: (chunk: UIMessageChunk) => string[];
};

/**
 * The UI message stream as the AI SDK's Server-Sent Events response, in one stage: what
 * `createUIMessageStreamResponse({ keepAliveMs, consumeSseStream: consumeStream })` sends, byte
 * for byte, which it builds with four streams per chunk (JSON to SSE, the keep-alive wrapper and
 * its timer reset, a tee with a second reader, text encoding), each a cost on every token
 * (bench/README.md, "Tried: kept and rejected").
 *
 * The answer is read to its end whether the client stays or not: a client that goes away does not
 * stop the answer (only Stop does), so it is still saved when it completes. The response itself
 * follows its reader: it hands over bytes only when asked (the server's socket asks when the
 * client has taken the last ones), and keeps what the reader has not asked for yet as text, handed
 * over in pieces of whole events. A reader that falls more than `maxUnreadBytes` behind (a client
 * that stopped reading) is cut off: what it missed is dropped, it gets an error part and the end
 * of the stream, and the answer goes on without it. Its connection stays until the client leaves:
 * Next's writer waits for the socket to drain, so not even an errored body would end it sooner.
 */
export function uiMessageSseResponse({
  stream,
  keepAliveMs,
  maxUnreadBytes,
  onReaderCutOff,
  lastChunks = (finish) => (finish ? [finish] : []),
  onChunk,
  beforeEnd,
  onReaderGone,
  headers,
  present,
}: UIMessageSseResponseOptions): Response {
  const encoder = new TextEncoder();
  let client: ReadableStreamDefaultController<Uint8Array> | undefined;
  // Text the reader has not asked for yet; whether it is waiting for the next; whether the stream
  // closes once the reader has taken what is left (the answer ended, or the reader was cut off).
  const unread = new UnreadText();
  let readerWaiting = false;
  let closing = false;
  let lastSentAt = performance.now();
  let keepAliveTimer: ReturnType<typeof setTimeout> | undefined;

  const send = (text: string) => {
    if (!client || closing) return;
    lastSentAt = performance.now();
    if (readerWaiting) {
      readerWaiting = false;
      client.enqueue(encoder.encode(text));
      return;
    }
    unread.push(text);
    if (unread.bytes > maxUnreadBytes) cutOffReader();
  };
  const handOver = () => {
    if (!client) return;
    if (unread.isEmpty) {
      readerWaiting = true;
      return;
    }
    client.enqueue(encoder.encode(unread.take(HAND_OVER_CHARS)));
    if (closing && unread.isEmpty) closeStream();
  };
  const end = () => {
    clearTimeout(keepAliveTimer);
    if (unread.isEmpty) closeStream();
    else closing = true;
  };
  const closeStream = () => {
    clearTimeout(keepAliveTimer);
    client?.close();
    client = undefined;
  };
  const cutOffReader = () => {
    const cutOff: UIMessageChunk = { type: "error", errorText: READER_CUT_OFF_TEXT };
    const events = present ? present(cutOff) : [JSON.stringify(cutOff)];
    unread.replaceWith([...events.map((json) => `data: ${json}\n\n`), DONE]);
    closing = true;
    clearTimeout(keepAliveTimer);
    onReaderCutOff?.();
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

  const toJson = (chunk: UIMessageChunk) => {
    const json = JSON.stringify(chunk);
    onChunk?.(json);
    return json;
  };
  // `json`: the chunk's JSON when `onChunk` has seen it already.
  const sendChunk = (chunk: UIMessageChunk, json = toJson(chunk)) => {
    if (!present) send(`data: ${json}\n\n`);
    else for (const event of present(chunk)) send(`data: ${event}\n\n`);
  };
  async function forward(reader: ReadableStreamDefaultReader<UIMessageChunk>) {
    let finish: UIMessageChunk | undefined;
    // The AI SDK's client stops reading at an error chunk, and `toUIMessageStream` sends the
    // metadata saying how the answer failed (and whether retrying helps) just after it: an error
    // waits for that metadata (or the end), so the browser knows what the store will say.
    let heldErrors: UIMessageChunk[] = [];
    const sendHeldErrors = () => {
      for (const error of heldErrors) sendChunk(error);
      heldErrors = [];
    };
    let last: { chunk: UIMessageChunk; json: string }[];
    try {
      for (let result = await reader.read(); !result.done; result = await reader.read()) {
        const { type } = result.value;
        if (type === "finish") finish = result.value;
        else if (type === "error") heldErrors.push(result.value);
        else {
          sendChunk(result.value);
          if (type === "message-metadata" && heldErrors.length > 0) sendHeldErrors();
        }
      }
      sendHeldErrors();
      // Seen by `onChunk` before `beforeEnd`, which stores the live log's last batch.
      last = lastChunks(finish).map((chunk) => ({ chunk, json: toJson(chunk) }));
    } catch (error) {
      sendHeldErrors();
      await beforeEnd?.();
      clearTimeout(keepAliveTimer);
      client?.error(error);
      client = undefined;
      return;
    }
    await beforeEnd?.();
    for (const { chunk, json } of last) sendChunk(chunk, json);
    send(DONE);
    end();
  }

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        client = controller;
        send(STREAM_OPEN);
        scheduleKeepAlive(keepAliveMs);
        void forward(stream.getReader());
      },
      pull: handOver,
      cancel() {
        // The client went away: stop sending, go on reading.
        clearTimeout(keepAliveTimer);
        client = undefined;
        unread.replaceWith([]);
        onReaderGone?.();
      },
    },
    // Nothing waits in the stream's own queue: bytes are made when the reader asks for them.
    { highWaterMark: 0 },
  );

  const responseHeaders = new Headers(headers);
  for (const [name, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) {
    // Another format is not the AI SDK's stream; the rest (no buffering by proxies) holds for it too.
    if (!responseHeaders.has(name) && !(present && name === "x-vercel-ai-ui-message-stream")) responseHeaders.set(name, value);
  }
  // A hop-by-hop header the AI SDK's set includes: meaningless behind Lambda, CloudFront or any proxy.
  responseHeaders.delete("connection");
  return new Response(body, { headers: responseHeaders });
}
