import { ToolTimeoutError } from "./tool-errors";

export type Deadline = {
  /** Aborts when the time is up or when the parent signal aborts; pass it to everything the call waits on. */
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  /** Settles with `promise`, or rejects as soon as the signal aborts, even if the work ignores the signal. */
  race<T>(promise: PromiseLike<T>): Promise<T>;
  dispose(): void;
};

export function createDeadline(timeoutMs: number, parent: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new ToolTimeoutError(timeoutMs));
  }, timeoutMs);
  const abortFromParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) abortFromParent();
  else parent?.addEventListener("abort", abortFromParent, { once: true });

  const aborted = new Promise<never>((_resolve, reject) => {
    const rejectWithReason = () => reject(controller.signal.reason);
    if (controller.signal.aborted) rejectWithReason();
    else controller.signal.addEventListener("abort", rejectWithReason, { once: true });
  });
  // Nobody may be racing when the signal aborts; that must not become an unhandled rejection.
  aborted.catch(() => undefined);

  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    race: (promise) => Promise.race([promise, aborted]),
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", abortFromParent);
    },
  };
}
