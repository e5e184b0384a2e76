import { consumeStream, createUIMessageStreamResponse, type UIMessageChunk } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { uiMessageSseResponse } from "./ui-message-sse-response";

const chunks: UIMessageChunk[] = [
  { type: "start", messageId: "m1" },
  { type: "start-step" },
  { type: "text-start", id: "t1" },
  { type: "text-delta", id: "t1", delta: 'Say "hi"\n' },
  { type: "text-end", id: "t1" },
  { type: "finish-step" },
  { type: "finish" },
];

function streamOf(parts: UIMessageChunk[]): ReadableStream<UIMessageChunk> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** A source the test feeds by hand; `pulledToEnd` tells whether its reader reached the end. */
function handFed() {
  let controller: ReadableStreamDefaultController<UIMessageChunk> | undefined;
  const state = { pulledToEnd: false };
  const stream = new ReadableStream<UIMessageChunk>({
    start(streamController) {
      controller = streamController;
    },
  });
  const reader = stream.getReader();
  const tracked = new ReadableStream<UIMessageChunk>({
    async pull(target) {
      const result = await reader.read();
      if (result.done) {
        state.pulledToEnd = true;
        target.close();
      } else target.enqueue(result.value);
    },
  });
  return {
    stream: tracked,
    state,
    push: (chunk: UIMessageChunk) => controller?.enqueue(chunk),
    end: () => controller?.close(),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("uiMessageSseResponse", () => {
  it("sends what the AI SDK's own response sends, byte for byte, with its headers but no Connection", async () => {
    const ours = uiMessageSseResponse({ stream: streamOf(chunks), keepAliveMs: 60_000, maxUnreadBytes: 1_000_000, headers: { "cache-control": "no-cache, no-transform" } });
    const theirs = createUIMessageStreamResponse({
      stream: streamOf(chunks),
      keepAliveMs: 60_000,
      consumeSseStream: consumeStream,
      headers: { "cache-control": "no-cache, no-transform" },
    });
    expect(await ours.text()).toBe(await theirs.text());
    expect(ours.status).toBe(200);
    expect(Object.fromEntries(ours.headers)).toEqual({
      "cache-control": "no-cache, no-transform",
      "content-type": "text/event-stream",
      "x-accel-buffering": "no",
      "x-vercel-ai-ui-message-stream": "v1",
    });
  });

  it("sends a keep-alive after each silence of keepAliveMs, and none while chunks flow", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const source = handFed();
    const body = uiMessageSseResponse({ stream: source.stream, keepAliveMs: 1_000, maxUnreadBytes: 1_000_000 }).body;
    let text = "";
    const decoder = new TextDecoder();
    const readToEnd = (async () => {
      const reader = body?.getReader();
      for (let result = await reader?.read(); result && !result.done; result = await reader?.read()) text += decoder.decode(result.value);
    })();

    source.push({ type: "start" });
    for (let tick = 0; tick < 10; tick += 1) {
      await vi.advanceTimersByTimeAsync(600);
      source.push({ type: "text-delta", id: "t1", delta: `${tick}` });
    }
    expect(text).not.toContain(": keep-alive");

    await vi.advanceTimersByTimeAsync(3_500);
    expect(text.match(/^: keep-alive$/gm)).toHaveLength(3);

    source.end();
    await readToEnd;
    expect(text.startsWith(": stream-open\n\n")).toBe(true);
    expect(text.endsWith(": keep-alive\n\ndata: [DONE]\n\n")).toBe(true);
  });

  it("holds no more than maxUnreadBytes for a reader that stopped reading, then ends its stream with an error part", async () => {
    const maxUnreadBytes = 10_000;
    const source = handFed();
    const cutOff = vi.fn();
    const response = uiMessageSseResponse({ stream: source.stream, keepAliveMs: 60_000, maxUnreadBytes, onReaderCutOff: cutOff });
    const reader = response.body?.getReader();
    await reader?.read(); // the headers and the first bytes, then the reader pauses

    source.push({ type: "start" });
    for (let index = 0; index < 1_000; index += 1) source.push({ type: "text-delta", id: "t1", delta: "x".repeat(100) });
    for (const chunk of chunks.slice(4)) source.push(chunk);
    source.end();
    // The answer is read to its end whether the reader keeps up or not.
    await vi.waitFor(() => expect(source.state.pulledToEnd).toBe(true));

    const decoder = new TextDecoder();
    let unread = "";
    for (let result = await reader?.read(); result && !result.done; result = await reader?.read()) unread += decoder.decode(result.value);
    expect(new TextEncoder().encode(unread).byteLength).toBeLessThanOrEqual(maxUnreadBytes);
    expect(unread).toMatch(/^data: \{"type":"error","errorText":"The connection fell too far behind[^\n]*\n\ndata: \[DONE\]\n\n$/);
    expect(cutOff).toHaveBeenCalledOnce();
  });

  it("hands a reader that fell behind within maxUnreadBytes everything it missed, in pieces of whole events", async () => {
    const source = handFed();
    const response = uiMessageSseResponse({ stream: source.stream, keepAliveMs: 60_000, maxUnreadBytes: 1_000_000 });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader?.read())?.value);

    const missed: UIMessageChunk[] = [
      ...chunks.slice(0, 3),
      ...Array.from({ length: 200 }, (_, index) => ({ type: "text-delta" as const, id: "t1", delta: `${index}`.padEnd(1_000, "x") })),
      ...chunks.slice(4),
    ];
    for (const chunk of missed) source.push(chunk);
    source.end();
    await vi.waitFor(() => expect(source.state.pulledToEnd).toBe(true));
    const pieces: string[] = [];
    for (let result = await reader?.read(); result && !result.done; result = await reader?.read()) pieces.push(decoder.decode(result.value));
    text += pieces.join("");

    const theirs = createUIMessageStreamResponse({ stream: streamOf(missed), keepAliveMs: 60_000, consumeSseStream: consumeStream });
    expect(text).toBe(await theirs.text());
    // ≈ 210 KB in four pieces of at least 64 KiB (the last one: the rest), each ending with an event.
    expect(pieces.length).toBe(4);
    for (const piece of pieces) {
      expect(piece.endsWith("\n\n")).toBe(true);
      expect(piece.length).toBeLessThan(64 * 1024 + 1_100);
    }
  });

  it("holds the finish chunk back until the source has ended, then sends lastChunks in its place", async () => {
    const source = handFed();
    const lastChunks = vi.fn((finish: UIMessageChunk | undefined): UIMessageChunk[] => [{ type: "error", errorText: `not saved after ${finish?.type}` }]);
    const response = uiMessageSseResponse({ stream: source.stream, keepAliveMs: 60_000, maxUnreadBytes: 1_000_000, lastChunks });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const result = await reader?.read();
        if (!result || result.done) return;
        text += decoder.decode(result.value);
      }
    };

    // The source gives its finish chunk but has not ended yet (its onEnd, the save, still runs).
    for (const chunk of chunks) source.push(chunk);
    await readUntil(() => text.includes('"type":"finish-step"'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lastChunks).not.toHaveBeenCalled();

    source.end();
    await readUntil(() => false);
    expect(lastChunks).toHaveBeenCalledWith({ type: "finish" });
    expect(text).not.toContain('"type":"finish"}');
    expect(text.endsWith('data: {"type":"finish-step"}\n\ndata: {"type":"error","errorText":"not saved after finish"}\n\ndata: [DONE]\n\n')).toBe(true);
  });

  it("sends the metadata that follows an error part before it, since the browser stops reading at the error", async () => {
    const failure = { status: "failed", errorText: "Too long.", retryable: false };
    const onChunk = vi.fn();
    const response = uiMessageSseResponse({
      stream: streamOf([
        { type: "start", messageId: "m1" },
        { type: "error", errorText: "Too long." },
        { type: "message-metadata", messageMetadata: failure },
        { type: "error", errorText: "An error of our own, with no metadata." },
        { type: "finish", finishReason: "error" },
      ]),
      keepAliveMs: 60_000,
      maxUnreadBytes: 1_000_000,
      onChunk,
    });

    const events = (await response.text()).split("\n\n").filter((event) => event.startsWith("data: "));
    const sent = [
      { type: "start", messageId: "m1" },
      { type: "message-metadata", messageMetadata: failure },
      { type: "error", errorText: "Too long." },
      { type: "error", errorText: "An error of our own, with no metadata." },
      { type: "finish", finishReason: "error" },
    ];
    expect(events).toEqual([...sent.map((chunk) => `data: ${JSON.stringify(chunk)}`), "data: [DONE]"]);
    // The answer's log (what a reload replays) gets them in the same order.
    expect(onChunk.mock.calls.map(([json]) => JSON.parse(json as string))).toEqual(sent);
  });

  it("reads the answer to its end after the client went away", async () => {
    const source = handFed();
    const response = uiMessageSseResponse({ stream: source.stream, keepAliveMs: 60_000, maxUnreadBytes: 1_000_000 });
    const reader = response.body?.getReader();
    source.push({ type: "start" });
    await reader?.read();
    await reader?.cancel("the tab was closed");

    for (const chunk of chunks.slice(1)) source.push(chunk);
    source.end();
    await vi.waitFor(() => expect(source.state.pulledToEnd).toBe(true));
  });
});
