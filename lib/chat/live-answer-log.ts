import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { StreamBatch } from "@/lib/store/stream-state-store";

export type LiveAnswerLogOptions = {
  /** Stores one batch of the log; false when the stream no longer holds the chat (nothing more is appended). */
  append: (batch: StreamBatch) => Promise<boolean>;
  /** The chunks that arrive within this long go into one batch. */
  flushMs: number;
  /** The request's keys for the warning a failed append logs. */
  logKeys?: Record<string, unknown>;
};

export type LiveAnswerLog = {
  /** Takes one chunk (its JSON); it is appended with the next batch. Cheap: no store write, no await. */
  add(chunk: string): void;
  /** Appends what is left and resolves once every append has settled; later chunks are ignored. */
  end(): Promise<void>;
};

/**
 * The live answer's log, written as the answer streams: chunks are collected and appended in one
 * batch per `flushMs` at most, in the background, one append at a time and in order, so a token
 * never waits for the store. A failed append is logged and retried, the same batch, with the next
 * one; an append refused because the claim was lost ends the log (another stream owns the chat).
 */
export function createLiveAnswerLog({ append, flushMs, logKeys }: LiveAnswerLogOptions): LiveAnswerLog {
  let pending: string[] = [];
  // The batch whose append failed: appended again, as it was, before anything newer.
  let retry: StreamBatch | undefined;
  let nextIndex = 0;
  let lost = false;
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = Promise.resolve();

  /** Whether the batch was stored; one that failed is kept to be appended again. */
  const appendBatch = async (batch: StreamBatch): Promise<boolean> => {
    try {
      if (!(await append(batch))) {
        lost = true;
        return false;
      }
    } catch (error) {
      retry = batch;
      logger.warn("appending to the live-answer log failed", { ...logKeys, index: batch.index, error: errorForLog(error) });
      return false;
    }
    retry = undefined;
    nextIndex = batch.index + 1;
    return true;
  };
  const writeBatch = async (chunks: string[]) => {
    if (lost) return;
    if (retry && !(await appendBatch(retry))) {
      pending = [...chunks, ...pending];
      return;
    }
    if (chunks.length > 0) await appendBatch({ index: nextIndex, chunks });
  };
  // Takes the chunks of this interval now: those that arrive while it is written wait for the next.
  const flush = () => {
    timer = undefined;
    const chunks = pending;
    pending = [];
    writing = writing.then(() => writeBatch(chunks));
  };

  return {
    add(chunk) {
      if (ended || lost) return;
      pending.push(chunk);
      timer ??= setTimeout(flush, flushMs);
    },
    async end() {
      if (ended) return writing;
      ended = true;
      clearTimeout(timer);
      flush();
      return writing;
    },
  };
}
