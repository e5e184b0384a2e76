import { type HttpResponse, type TimedEvent, timedEvents, toHttpResponse } from "./function-url";
import type { InvocationRecording } from "./runtime-api";

// What "the deployed function streams" means, checked on what the Runtime API received. The same
// check runs on the streaming bundle (it must pass) and on the buffered one (it must fail), so
// the negative control proves the check can tell the two apart.
//
// The checks are structural, not timings of this machine: the runtime answered in streaming mode,
// and the answer's text arrived spread over its duration, not in one burst at the end.

/** Fewer text deltas than this and a spread says nothing. */
const MIN_TEXT_DELTAS = 10;
/** Separate moments at which text deltas must have arrived. */
const MIN_DISTINCT_ARRIVALS = 5;

export type StreamedAnswer = { response: HttpResponse; events: TimedEvent[]; textDeltas: TimedEvent[] };

/** A UI message stream's text delta (the chat route's protocol). */
const isUiTextDelta = (event: TimedEvent) => event.chunkType === "text-delta";

export type AssertStreamedOptions = {
  /** Which events carry the answer's text; the chat route's text deltas unless told (e.g. /v1's content deltas). */
  isTextDelta?: (event: TimedEvent) => boolean;
};

/** Throws, listing every reason, unless the recording is an answer that was streamed. */
export function assertStreamed(recording: InvocationRecording, { isTextDelta = isUiTextDelta }: AssertStreamedOptions = {}): StreamedAnswer {
  const problems: string[] = [];
  if (recording.responseMode !== "streaming") {
    problems.push(
      `not a streaming response: the runtime posted it with Lambda-Runtime-Function-Response-Mode ${recording.responseMode === undefined ? "absent (buffered)" : `"${recording.responseMode}"`}`,
    );
  }

  const response = toHttpResponse(recording);
  if (response.statusCode !== 200) problems.push(`status ${response.statusCode}, not 200`);
  const contentType = response.headers["content-type"] ?? "";
  if (!contentType.startsWith("text/event-stream")) problems.push(`content-type "${contentType}", not text/event-stream`);

  const events = timedEvents(response);
  const textDeltas = events.filter(isTextDelta);
  if (textDeltas.length < MIN_TEXT_DELTAS) {
    problems.push(`only ${textDeltas.length} text deltas (at least ${MIN_TEXT_DELTAS} are needed to judge streaming)`);
  } else {
    const first = (textDeltas[0] as TimedEvent).atMs;
    const last = (textDeltas.at(-1) as TimedEvent).atMs;
    const arrivals = new Set(textDeltas.map((event) => event.atMs)).size;
    if (arrivals < MIN_DISTINCT_ARRIVALS) {
      problems.push(`all ${textDeltas.length} text deltas arrived in ${arrivals} burst${arrivals === 1 ? "" : "s"} (at least ${MIN_DISTINCT_ARRIVALS} separate arrivals expected)`);
    }
    // From the invocation to the last text: the answer's duration as the client lived it.
    const answerMs = last - recording.handedOutAtMs;
    if (last - first <= answerMs / 2) {
      problems.push(
        `the text arrived in one burst at the end: the first of ${textDeltas.length} text deltas ${fmt(first - recording.handedOutAtMs)} after the invocation, the last ${fmt(last - first)} later (the answer took ${fmt(answerMs)}; streamed, the text would be spread over more than half of it)`,
      );
    }
  }

  if (problems.length > 0) throw new Error(`The response was not streamed:\n- ${problems.join("\n- ")}`);
  return { response, events, textDeltas };
}

function fmt(ms: number): string {
  return `${Math.round(ms)} ms`;
}
