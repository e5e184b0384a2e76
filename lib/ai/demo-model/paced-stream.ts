import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { abortReasonOf } from "./abort";
import type { PacedParts } from "./pace-parts";

export type PacedStreamOptions = {
  /** Milliseconds per tick; 0 sends everything at once, with no timer at all. */
  tickMs: number;
  abortSignal: AbortSignal | undefined;
};

/**
 * Streams precomputed parts at their pace. One interval per stream (not a timer and a promise
 * per token) keeps the cost per token to an array read and an enqueue. On abort the stream
 * errors with the signal's reason, as a provider's response body does when its fetch is
 * aborted; on abort, cancel or the end, the interval and the listener are removed.
 * It does not wait for a slow reader: an answer is a few kilobytes, which its queue holds easily.
 */
export function createPacedStream({ parts, pauses }: PacedParts, { tickMs, abortSignal }: PacedStreamOptions) {
  let next = 0;
  let ticksLeft = 0;
  let finished = false;
  let interval: ReturnType<typeof setInterval> | undefined;
  let onAbort: (() => void) | undefined;

  const stop = () => {
    finished = true;
    if (interval !== undefined) clearInterval(interval);
    interval = undefined;
    if (onAbort) abortSignal?.removeEventListener("abort", onAbort);
  };

  /** Sends the next part and every part due right after it; true when nothing is left. */
  const sendDue = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>): boolean => {
    do {
      const part = parts[next++];
      if (part) controller.enqueue(part);
    } while (next < parts.length && pauses[next] === 0);
    if (next >= parts.length) return true;
    ticksLeft = pauses[next] ?? 0;
    return false;
  };

  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      if (tickMs <= 0) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
        return;
      }
      if (abortSignal) {
        const signal = abortSignal;
        onAbort = () => {
          if (finished) return;
          stop();
          controller.error(abortReasonOf(signal));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
      }

      // Parts due at once (stream start, response metadata) leave before the first tick.
      ticksLeft = pauses[0] ?? 0;
      if (ticksLeft === 0 && sendDue(controller)) {
        stop();
        controller.close();
        return;
      }
      interval = setInterval(() => {
        if (finished || --ticksLeft > 0) return;
        if (sendDue(controller)) {
          stop();
          controller.close();
        }
      }, tickMs);
    },
    cancel() {
      stop();
    },
  });
}
