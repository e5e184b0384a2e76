import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { StreamStateStore } from "@/lib/store/stream-state-store";

export type StopTarget = { streams: StreamStateStore; userId: string; chatId: string; streamId: string };

/** The claim on the chat is renewed every third of its lease, so a missed renewal never loses it. */
const RENEWALS_PER_LEASE = 3;

// Streams generating in this process, so a Stop that lands on the same instance acts at once.
const localStreams = new Map<string, { streamId: string; controller: AbortController }>();
const keyOf = (userId: string, chatId: string) => `${userId}\u0000${chatId}`;

export type StopSignal = { signal: AbortSignal; dispose: () => void };

/**
 * An abort signal for one answer that fires when Stop is pressed, on any instance: a Stop handled
 * here aborts at once; one handled elsewhere is seen by polling the stream state every `pollMs`.
 * The same poll renews the stream's claim on the chat; a claim it no longer holds (the chat was
 * deleted, or the process was stalled past the lease and another answer took over) stops it too,
 * so two answers never run in one chat. A client disconnect does not fire it (behind a Lambda
 * Function URL it would never reach us anyway).
 */
export function createStopSignal(target: StopTarget, pollMs: number, now: () => number = Date.now): StopSignal {
  const { streams, userId, chatId, streamId } = target;
  const controller = new AbortController();
  const key = keyOf(userId, chatId);
  localStreams.set(key, { streamId, controller });

  const renewalMs = streams.leaseMs / RENEWALS_PER_LEASE;
  let renewAt = now() + renewalMs;
  const poll = async () => {
    if (now() >= renewAt) {
      if (!(await streams.renewStream(userId, chatId, streamId, now()))) {
        logger.warn("the answer lost its claim on the chat and stops", { chatId });
        controller.abort(new StopRequestedError("The answer lost its claim on the chat."));
        return;
      }
      renewAt = now() + renewalMs;
    }
    if (await streams.isStopRequested(userId, chatId, streamId)) controller.abort(new StopRequestedError());
  };

  let polling = false;
  const timer = setInterval(() => {
    if (polling || controller.signal.aborted) return;
    polling = true;
    poll()
      .catch((error: unknown) => {
        // A renewal that failed is tried again on the next poll.
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
  constructor(message = "The user stopped the answer.") {
    super(message);
  }
}
