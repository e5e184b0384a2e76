import type { UIMessageChunk } from "ai";
import type { Env } from "@/lib/env";
import type { Stores } from "@/lib/store/open-stores";
import type { StreamLog } from "@/lib/store/stream-state-store";
import { chatNotFound } from "./chat-id";
import { recoverInterruptedAnswer } from "./recover-interrupted-answer";
import { STREAM_ID_HEADER } from "./stream-id";
import { uiMessageSseResponse } from "./ui-message-sse-response";

/** What a resumed stream ends with when the answer's log stopped without its end (its writer died, or the log is gone). */
export const ANSWER_INTERRUPTED_TEXT = "The answer was interrupted before it finished. Reload the chat to see what was saved.";
/** For the browser, which takes only types from lib: on this error it reads the stored chat (use-chat-sync.ts). */
export type AnswerInterruptedText = typeof ANSWER_INTERRUPTED_TEXT;

/**
 * The chunks that end an answer: a log without one was cut short. The SDK may send the answer's
 * metadata after its abort or error part (a stopped or failed mark), so it need not be the last.
 */
const ENDING_CHUNK_TYPES = new Set<UIMessageChunk["type"]>(["finish", "error", "abort"]);

export type ResumeChatStreamOptions = {
  stores: Pick<Stores, "chats" | "streams">;
  userId: string;
  chatId: string;
  /**
   * The stream a client was reading when its connection was cut: replayed even if it has ended
   * since (its log is readable for a while), never another one. Without it, only a live stream is.
   */
  streamId?: string;
  env: Pick<Env, "STREAM_LOG_FLUSH_MS" | "HEARTBEAT_MS" | "STREAM_MAX_UNREAD_BYTES">;
  /** Aborts when the client goes away (the request's signal): reading the log stops. */
  signal?: AbortSignal;
};

/**
 * The chat's answer while it is being written, as the AI SDK's resume contract has it: the UI
 * message stream from its start, then live, read from the live-answer log (any instance may be
 * writing it); `204` when nothing is being written. A log that is no longer live is not replayed
 * (its answer is stored, or its writer died and it is recovered now, and the chat's messages say
 * so), unless the client names it: it was reading that stream when its connection was cut. The stream ends as the
 * original did; when the log stops without that end, it ends with an error part saying so.
 */
export async function resumeChatStream({ stores, userId, chatId, streamId, env, signal }: ResumeChatStreamOptions): Promise<Response> {
  const { chats, streams } = stores;
  if (!(await chats.getChatSummary(userId, chatId))) throw chatNotFound();
  const first = await streams.readStream(userId, chatId, 0);
  // Its writer died: its answer is stored now, so the chat's messages (which the client has or will read) show it.
  if (first?.state === "abandoned") await recoverInterruptedAnswer({ stores, userId, chatId });
  const wanted = streamId === undefined ? first?.state === "live" : first?.streamId === streamId;
  if (!first || !wanted) return new Response(null, { status: 204 });

  const stopped = new AbortController();
  signal?.addEventListener("abort", () => stopped.abort(), { once: true });
  const readFrom = async (fromIndex: number) => {
    const log = await streams.readStream(userId, chatId, fromIndex);
    // Its writer died while this reader followed it: what it wrote is stored, for the reload the reader is told to do.
    if (log?.state === "abandoned") await recoverInterruptedAnswer({ stores, userId, chatId });
    return log;
  };
  const chunks = loggedChunks(first, readFrom, env.STREAM_LOG_FLUSH_MS, stopped.signal);
  return uiMessageSseResponse({
    stream: new ReadableStream<UIMessageChunk>({
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    }),
    keepAliveMs: env.HEARTBEAT_MS,
    maxUnreadBytes: env.STREAM_MAX_UNREAD_BYTES,
    onReaderGone: () => stopped.abort(),
    headers: { "cache-control": "no-cache, no-transform", [STREAM_ID_HEADER]: first.streamId },
  });
}

/**
 * The log's chunks from the first read on, polling every `pollMs` for the next batches until a
 * read says the log is no longer live (that read completes it) or the reader went away.
 */
async function* loggedChunks(
  first: StreamLog,
  readFrom: (fromIndex: number) => Promise<StreamLog | undefined>,
  pollMs: number,
  stopped: AbortSignal,
): AsyncGenerator<UIMessageChunk> {
  let log: StreamLog | undefined = first;
  let nextIndex = 0;
  let ended = false;
  for (;;) {
    for (const batch of log.batches) {
      for (const json of batch.chunks) {
        // The chat turn logged it from a UI message chunk (run-chat-turn.ts).
        const chunk = JSON.parse(json) as UIMessageChunk;
        ended ||= ENDING_CHUNK_TYPES.has(chunk.type);
        yield chunk;
      }
      nextIndex = batch.index + 1;
    }
    if (log.state !== "live") break;
    await sleep(pollMs, stopped);
    if (stopped.aborted) return;
    log = await readFrom(nextIndex);
    // Gone, or replaced by a newer stream's: this answer's end cannot be read.
    if (log?.streamId !== first.streamId) break;
  }
  if (!ended) yield { type: "error", errorText: ANSWER_INTERRUPTED_TEXT };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
