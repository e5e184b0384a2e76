/** How often an unanswered Stop is asked again while the answer is still on its way. */
const STOP_RETRY_MS = 200;
/** After this long without the stream ending, the browser gives up waiting and aborts the request. */
const STOP_TIMEOUT_MS = 5_000;

/** How often Stop is asked and for how long; tests pass a fake clock. */
type StopTiming = { retryMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number };

const timingWithDefaults = ({
  retryMs = STOP_RETRY_MS,
  timeoutMs = STOP_TIMEOUT_MS,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now = Date.now,
}: StopTiming) => ({ retryMs, timeoutMs, sleep, now });

type StopAnswerOptions = StopTiming & {
  /** True while the answer is on its way (useChat's status is "submitted" or "streaming"). */
  isBusy: () => boolean;
  /** Asks the server to stop the answer; true when something was running there to stop. */
  requestStop: () => Promise<boolean>;
  /** The last resort: abort the request in the browser (what is shown may then differ from what is stored). */
  abortLocally: () => Promise<void> | void;
};

/** How Stop ended: the server stopped and ended the stream, the answer ended by itself, or the browser aborted. */
type StopOutcome = "stopped" | "finished" | "aborted";

/**
 * Tells the answer Stop was pressed for from the next one: a Stop's `isBusy` holds only until its
 * answer has ended, also when a message sent right after it starts another before Stop looks again
 * (that one must not be aborted when the Stop's deadline passes). `observe` gets every status change.
 */
export function createAnswerWatch(initiallyBusy: boolean) {
  let busy = initiallyBusy;
  let ended = 0;
  return {
    observe(isBusy: boolean) {
      if (busy && !isBusy) ended += 1;
      busy = isBusy;
    },
    /** For a Stop pressed now: whether the answer it stops is still on its way. */
    isCurrentAnswerBusy(): () => boolean {
      const endedBefore = ended;
      return () => ended === endedBefore && busy;
    },
  };
}

/**
 * Stop that loses nothing: the server is asked to stop the model, and the stream is read to its end,
 * so the answer shown is exactly the answer stored. Until the server says it stopped something the
 * request is repeated (the answer may not have reached it yet); if the stream is still going after
 * `timeoutMs`, the browser aborts the request itself.
 */
export async function stopAnswer({ isBusy, requestStop, abortLocally, ...timing }: StopAnswerOptions): Promise<StopOutcome> {
  const { retryMs, timeoutMs, sleep, now } = timingWithDefaults(timing);
  const deadline = now() + timeoutMs;
  let acknowledged = false;
  while (isBusy()) {
    if (now() >= deadline) {
      await abortLocally();
      return "aborted";
    }
    if (!acknowledged) acknowledged = await requestStop().catch(() => false);
    if (!isBusy()) break;
    await sleep(retryMs);
  }
  return acknowledged ? "stopped" : "finished";
}


/**
 * Stops the answer being written in this chat that this page does not read (another tab's, which
 * refused this page's request): Stop is asked until the server has nothing running there any more,
 * that is until the answer is stopped and stored and the chat is free. False when it still runs
 * after `timeoutMs`.
 */
export async function stopOtherAnswer({ requestStop, ...timing }: Pick<StopAnswerOptions, "requestStop"> & StopTiming): Promise<boolean> {
  const { retryMs, timeoutMs, sleep, now } = timingWithDefaults(timing);
  const deadline = now() + timeoutMs;
  // A failed request proves nothing: ask again until the deadline.
  while (await requestStop().catch(() => true)) {
    if (now() >= deadline) return false;
    await sleep(retryMs);
  }
  return true;
}

/** POST /api/chat/{id}/stop. False when nothing runs there yet (or the chat is not stored yet) or the request failed. */
export async function requestServerStop(chatId: string): Promise<boolean> {
  const response = await fetch(`/api/chat/${encodeURIComponent(chatId)}/stop`, { method: "POST" });
  if (!response.ok) return false;
  const body: unknown = await response.json().catch(() => undefined);
  return typeof body === "object" && body !== null && "stopped" in body && body.stopped === true;
}
