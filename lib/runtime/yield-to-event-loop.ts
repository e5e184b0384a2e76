/**
 * Resolves in the next turn of the event loop, after the I/O that is ready now has been handled.
 *
 * Starting an answer takes the server's one thread for milliseconds (Next's routing, the route, the
 * AI SDK's set-up). Done in one piece, every token of the other open streams that arrives meanwhile
 * waits for all of it; cut into pieces with this, those tokens go out in between (bench/README.md,
 * "Tried: kept and rejected"). On Lambda (one request per instance) there is nothing to let
 * through, and a yield costs microseconds.
 */
export function yieldToEventLoop(): Promise<void>;
/** The same, resolving with `value` (to tell the end of the turn apart in a `Promise.race`). */
export function yieldToEventLoop<T>(value: T): Promise<T>;
export function yieldToEventLoop<T>(value?: T): Promise<T | undefined> {
  return new Promise((resolve) => setImmediate(resolve, value));
}
