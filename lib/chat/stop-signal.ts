import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { StreamStateStore } from "@/lib/store/stream-state-store";

export type StopTarget = { streams: StreamStateStore; userId: string; chatId: string; streamId: string };

// Streams generating in this process, so a Stop that lands on the same instance acts at once.
const localStreams = new Map<string, { streamId: string; controller: AbortController }>();
const keyOf = (userId: string, chatId: string) => `${userId}\u0000${chatId}`;

/**
 * An abort signal for one answer that fires when Stop is pressed, on any instance: a Stop handled
 * here aborts at once; one handled elsewhere is seen by polling the stream state every `pollMs`.
 * A client disconnect does not fire it (behind a Lambda Function URL it would never reach us anyway).
 */
export function createStopSignal(target: StopTarget, pollMs: number): { signal: AbortSignal; dispose: () => void } {
  const { streams, userId, chatId, streamId } = target;
  const controller = new AbortController();
  const key = keyOf(userId, chatId);
  localStreams.set(key, { streamId, controller });

  let polling = false;
  const timer = setInterval(() => {
    if (polling || controller.signal.aborted) return;
    polling = true;
    streams
      .isStopRequested(userId, chatId, streamId)
      .then((stopped) => {
        if (stopped) controller.abort(new StopRequestedError());
      })
      .catch((error: unknown) => {
        logger.error("stop poll failed", { chatId, error: errorForLog(error) });
      })
      .finally(() => {
        polling = false;
      });
  }, pollMs);
  timer.unref?.();

  return {
    signal: controller.signal,
    dispose() {
      clearInterval(timer);
      if (localStreams.get(key)?.streamId === streamId) localStreams.delete(key);
    },
  };
}

/** Marks the chat's running answer as stopped (for every instance) and stops it here if it runs here. */
export async function requestStop(streams: StreamStateStore, userId: string, chatId: string): Promise<boolean> {
  const wasRunning = await streams.requestStop(userId, chatId);
  const local = localStreams.get(keyOf(userId, chatId));
  local?.controller.abort(new StopRequestedError());
  return wasRunning || local !== undefined;
}

class StopRequestedError extends Error {
  override name = "AbortError";
  constructor() {
    super("The user stopped the answer.");
  }
}
