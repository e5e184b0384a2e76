import { parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema, type UIMessage, type UIMessageChunk } from "ai";

type ReceivedChunk = { chunk: UIMessageChunk; atMs: number };

export type ChatStreamReading = {
  /** Every chunk that is valid UI message stream protocol, with when it arrived. */
  chunks: ReceivedChunk[];
  /** Anything in the stream that is not valid protocol (should stay empty). */
  invalid: Array<{ rawValue: unknown; error: string }>;
  /** The assistant message as the AI SDK's client-side reader assembles it. */
  message: UIMessage | undefined;
};

/**
 * Reads a chat response the way the AI SDK client does (SSE → JSON → validated chunks → message),
 * keeping arrival times. Used by the contract tests and the benchmarks.
 */
export async function readChatStream(response: Response, now: () => number = () => performance.now()): Promise<ChatStreamReading> {
  if (!response.body) throw new Error("The response has no body.");
  const chunks: ReceivedChunk[] = [];
  const invalid: ChatStreamReading["invalid"] = [];
  const reader = parseJsonEventStream({ stream: response.body, schema: uiMessageChunkSchema }).getReader();
  for (;;) {
    const { done, value: result } = await reader.read();
    if (done) break;
    if (result.success) chunks.push({ chunk: result.value, atMs: now() });
    else invalid.push({ rawValue: result.rawValue, error: String(result.error) });
  }

  let message: UIMessage | undefined;
  const replay = new ReadableStream<UIMessageChunk>({
    start(controller) {
      // The reader keeps and later mutates the chunk objects it is given (data parts are updated in place).
      for (const { chunk } of chunks) controller.enqueue(structuredClone(chunk));
      controller.close();
    },
  });
  for await (const snapshot of readUIMessageStream({ stream: replay })) message = snapshot;
  return { chunks, invalid, message };
}

/** Resolves once the first text delta has come through the stream. */
export async function untilTextArrives(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let received = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the stream ended before any text");
    received += decoder.decode(value, { stream: true });
    if (received.includes('"type":"text-delta"')) break;
  }
  void reader.cancel();
}
