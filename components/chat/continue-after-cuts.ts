import type { UIMessageChunk } from "ai";

export type ContinueAfterCutsOptions = {
  /**
   * Opens the same stream again, from its start (the server replays it from the live-answer log);
   * null when it can no longer be read. Rejects with a TypeError when the server is unreachable.
   */
  readAgain: () => Promise<ReadableStream<UIMessageChunk> | null>;
  /** The waits before each attempt to read it again; once they are used up, the cut is the stream's error. */
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
 * the stream can no longer be read, the cut is the stream's error.
 */
export function continueAfterCuts(first: ReadableStream<UIMessageChunk>, { readAgain, retryDelaysMs, signal }: ContinueAfterCutsOptions): ReadableStream<UIMessageChunk> {
  let reader = first.getReader();
  let passedOn = 0;
  let toSkip = 0;

  /** The stream read again, or undefined when it cannot be. */
  async function reconnect(): Promise<ReadableStream<UIMessageChunk> | undefined> {
    for (const delayMs of retryDelaysMs) {
      await wait(delayMs, signal);
      if (signal?.aborted) return undefined;
      try {
        return (await readAgain()) ?? undefined;
      } catch (error) {
        if (!isConnectionCut(error)) return undefined;
      }
    }
    return undefined;
  }

  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      for (;;) {
        let result: ReadableStreamReadResult<UIMessageChunk>;
        try {
          result = await reader.read();
        } catch (error) {
          if (!isConnectionCut(error) || signal?.aborted) throw error;
          const again = await reconnect();
          if (!again) throw error;
          reader = again.getReader();
          toSkip = passedOn;
          continue;
        }
        if (result.done) {
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
