import type { LanguageModelV4Middleware, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { yieldToEventLoop } from "@/lib/runtime/yield-to-event-loop";

type StreamPart = LanguageModelV4StreamPart;
type DeltaPart = Extract<StreamPart, { type: "text-delta" | "reasoning-delta" | "tool-input-delta" }>;

const TURN_ENDED = Symbol("turn ended");

function isDelta(part: StreamPart): part is DeltaPart {
  return (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-delta") && part.providerMetadata === undefined;
}

function canMerge(batch: DeltaPart, part: StreamPart): part is DeltaPart {
  return isDelta(part) && part.type === batch.type && part.id === batch.id;
}

/**
 * Merges the deltas of one text, reasoning or tool input that are already there together (read in
 * the same turn of the event loop) into one delta. Every later stage (the AI SDK's step and UI
 * stream transforms, the SSE encoding, the socket write, the browser's render) works per chunk,
 * so when the server falls behind, the deltas that queued up cost one chunk instead of many and
 * the server catches up instead of falling further behind (bench/README.md, "Tried: kept and
 * rejected"). A delta that arrives alone is passed on at the end of its turn: nothing waits for a
 * later one.
 */
export function coalesceDeltas(source: ReadableStream<StreamPart>): ReadableStream<StreamPart> {
  const reader = source.getReader();
  // A part read but not sent yet (it could not join the batch of deltas before it), and a read in flight.
  let held: StreamPart | undefined;
  let reading: Promise<ReadableStreamReadResult<StreamPart>> | undefined;
  const read = () => {
    const pending = reading ?? reader.read();
    reading = undefined;
    return pending;
  };

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      let batch = held;
      held = undefined;
      if (batch === undefined) {
        const result = await read();
        if (result.done) return controller.close();
        batch = result.value;
      } else if (!isDelta(batch)) {
        // The part that ended a batch waits for the end of the turn, so the batch goes all the way
        // out (every later stage, the socket write) before the work this part starts: after the
        // last delta come the end of the text and the finish, which run the step's and the
        // answer's finish work. When many streams end together, each one's last tokens then no
        // longer wait behind the others' finish work (bench/README.md, "Tried: kept and rejected").
        await yieldToEventLoop();
      }
      if (!isDelta(batch)) return controller.enqueue(batch);

      // Resolves once this turn of the event loop is over: after every I/O callback that was ready.
      const turnEnded = yieldToEventLoop(TURN_ENDED);
      for (;;) {
        const next = reader.read();
        // A failed read ends the batch too: what came before the error is passed on first.
        const result = await Promise.race([next, turnEnded]).catch((): typeof TURN_ENDED => TURN_ENDED);
        if (result === TURN_ENDED || result.done) {
          // Nothing more this turn (or the end, or an error): the next pull continues this read.
          reading = next;
          break;
        }
        if (!canMerge(batch, result.value)) {
          held = result.value;
          break;
        }
        batch = { ...batch, delta: batch.delta + result.value.delta };
      }
      controller.enqueue(batch);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** `coalesceDeltas` on every streamed model call. */
export const coalesceDeltasMiddleware: LanguageModelV4Middleware = {
  specificationVersion: "v4",
  wrapStream: async ({ doStream }) => {
    const { stream, ...rest } = await doStream();
    return { stream: coalesceDeltas(stream), ...rest };
  },
};
