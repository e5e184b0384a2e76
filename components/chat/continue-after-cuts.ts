import type { UIMessageChunk } from "ai";

export type ContinueAfterCutsOptions = {
  /**
   * Opens the same stream again, from its start (the server replays it from the live-answer log);
   * null when it can no longer be read. Rejects with a TypeError when the server is unreachable.
   */
  readAgain: () => Promise<ReadableStream<UIMessageChunk> | null>;
  /**
   * The waits before each attempt to read it again; once they are used up without the stream
   * getting any further, the cut is the stream's error.
   */
  retryDelaysMs: readonly number[];
  /** The request's own abort (Stop): no attempt is made, and a wait ends, once it fires. */
  signal?: AbortSignal;
};

/**
 * An answer's stream that survives its connection being cut: it reads the stream again from its
 * start and passes on only what comes after the chunks already passed on, so whoever reads it sees
 * one unbroken stream. The chunks a stream replays are the ones it sent, in order: counting them is
 * enough. A cut is what the browser's fetch reports as a TypeError (network error, failed to
 * fetch); anything else (a bad chunk, Stop) is passed on as it is. When every attempt fails, or
 * the stream can no longer be read, or a replay ends short of what was already passed on (its log
 * lost chunks), the cut is the stream's error. The attempts start over only once a replay has
 * carried the stream further: one that keeps breaking before then cannot reconnect forever.
 */
export function continueAfterCuts(first: ReadableStream<UIMessageChunk>, { readAgain, retryDelaysMs, signal }: ContinueAfterCutsOptions): ReadableStream<UIMessageChunk> {
  let reader = first.getReader();
  let passedOn = 0;
  let toSkip = 0;
  // The attempts used since the stream last got further, and how far it had got then.
  let attempts = 0;
  let passedOnAtLastCut = 0;

  /** The stream read again, or undefined when it cannot be. */
  async function reconnect(): Promise<ReadableStream<UIMessageChunk> | undefined> {
    if (passedOn > passedOnAtLastCut) attempts = 0;
    passedOnAtLastCut = passedOn;
    while (attempts < retryDelaysMs.length) {
      await wait(retryDelaysMs[attempts] ?? 0, signal);
      attempts += 1;
      if (signal?.aborted) return undefined;
      try {
        return (await readAgain()) ?? undefined;
      } catch (error) {
        if (!isConnectionCut(error)) return undefined;
      }
    }
    return undefined;
  }

  let cut: unknown;
  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      for (;;) {
        let result: ReadableStreamReadResult<UIMessageChunk>;
        try {
          result = await reader.read();
        } catch (error) {
          if (!isConnectionCut(error) || signal?.aborted) throw error;
          cut = error;
          const again = await reconnect();
          if (!again) throw error;
          reader = again.getReader();
          toSkip = passedOn;
          continue;
        }
        if (result.done) {
          // A replay that ended before reaching what was passed on cannot say how the answer ended.
          if (toSkip > 0) throw cut;
          controller.close();
          return;
        }
        if (toSkip > 0) {
          toSkip -= 1;
          continue;
        }
        passedOn += 1;
        controller.enqueue(result.value);
        return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Fetch reports a connection that failed or broke as a TypeError; an abort is a DOMException. */
function isConnectionCut(error: unknown): boolean {
  return error instanceof TypeError;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
