import { z } from "zod";
import { ParleyError } from "@/lib/errors";

/**
 * The response header naming the stream an answer's response reads (`POST /api/chat` and
 * `GET /api/chat/{id}/stream`): a client cut off mid-answer asks for that stream again by its id.
 */
export const STREAM_ID_HEADER = "x-parley-stream";
/** For the browser's transport, which takes only types from lib: its own copy must be this one. */
export type StreamIdHeader = typeof STREAM_ID_HEADER;

/**
 * The query parameter of `GET /api/chat/{id}/stream` naming the stream to read again: it is then
 * replayed whether or not it is still being written, as long as its log is readable.
 */
export const STREAM_ID_PARAM = "stream";
export type StreamIdParam = typeof STREAM_ID_PARAM;

/** Stream ids are the AI SDK's generated ids: letters and digits. */
export const streamIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "A stream id is 1 to 64 letters, digits, '-' or '_'.");

/** The stream a resume request names (`?stream=`), if any; a malformed one is a 400. */
export function parseStreamIdParam(url: URL): string | undefined {
  const value = url.searchParams.get(STREAM_ID_PARAM);
  if (value === null) return undefined;
  const parsed = streamIdSchema.safeParse(value);
  if (!parsed.success) throw new ParleyError("invalid_request", parsed.error.issues[0]?.message ?? "The stream id is malformed.");
  return parsed.data;
}
