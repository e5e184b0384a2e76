/**
 * How long a claim on a chat lasts without renewal. The generating request renews it while the
 * answer runs; a claim left by a process that died is free again this long after its last renewal.
 */
export const STREAM_LEASE_MS = 60_000;

/**
 * How long an ended stream's log stays readable. A reader polls the log a few times a second; this
 * lets one that read the log just before the end still read its last batches and see it ended.
 */
export const ENDED_STREAM_READABLE_MS = 30_000;

/**
 * A piece of the live answer's log, numbered 0, 1, 2… per stream. Its chunks are opaque strings to
 * the store; the chat turn stores each UI message stream chunk as its JSON.
 */
export type StreamBatch = { index: number; chunks: string[] };

/** A chat's stream log as a reader sees it: the batches it asked for, and whether more may come. */
export type StreamLog = {
  streamId: string;
  batches: StreamBatch[];
  /** The stream holds the chat's claim and its lease has not run out: more batches may come. */
  live: boolean;
};

/**
 * The state of a chat's running answer, shared by every server instance: which stream is writing
 * the answer now, and whether Stop was pressed for it (the generating instance polls for that). One
 * answer runs per chat: a stream claims the chat and holds it until it ends or its lease runs out.
 * The state lives with the chat: a chat the user does not have has none, and it goes when the chat
 * is deleted. It never changes the chat's title or place in the list. Two adapters (SQLite,
 * DynamoDB) pass one contract suite (`test/support/stream-state-store-contract.ts`). Times are
 * epoch milliseconds.
 *
 * The stream that holds the claim also keeps the chat's live-answer log: the answer's stream chunks,
 * appended in batches (a few a second, never one write per token) and readable by every instance,
 * so any view of the chat can follow the answer while it is written. A chat has one log, that of
 * its current or last stream: a new claim starts an empty one. A reader reads from 0, then polls
 * from the next index; once a read says `live: false` nothing more is appended, so that read's
 * batches complete the log. An ended log stays readable for `ENDED_STREAM_READABLE_MS`, then is
 * gone; the log of a stream whose process died stays (not live) until the next claim, for recovery.
 */
export interface StreamStateStore {
  /**
   * Claims the chat for `streamId`, atomically: true when no other stream holds it (none, or one
   * whose lease ran out); false when another stream is live or the user has no such chat. A claim
   * lasts `STREAM_LEASE_MS` from `now` and starts unstopped.
   */
  beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean>;

  /** Extends the claim of `streamId` to `STREAM_LEASE_MS` from `now`; false when it no longer holds the chat. */
  renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean>;

  /** Marks the chat's live stream as stopped; false when nothing is live (an expired claim is not). `now` defaults to the clock. */
  requestStop(userId: string, chatId: string, now?: number): Promise<boolean>;

  /** Whether Stop was requested for `streamId` (false once a newer stream began). */
  isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean>;

  /**
   * Releases the chat if `streamId` still holds it (an old stream never ends a newer one), and ends
   * its log: readable, not live, for `ENDED_STREAM_READABLE_MS` from `now` (defaults to the clock).
   * Call it once the answer is stored, so a reader that finds the log gone can read the answer.
   */
  endStream(userId: string, chatId: string, streamId: string, now?: number): Promise<void>;

  /**
   * Adds batch `index` to the log of `streamId`, only while it holds the chat's claim: false when it
   * no longer does (another stream took over, or the chat was deleted). Batches are appended in
   * order (0, 1, 2…); appending an index already stored changes nothing and answers true, so a
   * write may be retried; skipping an index throws. A batch may be of any size. `now` dates what
   * is temporary (the DynamoDB items' TTL).
   */
  appendToStream(userId: string, chatId: string, streamId: string, batch: StreamBatch, now: number): Promise<boolean>;

  /**
   * The chat's log from batch `fromIndex` on, in order; undefined when the chat has no log (no
   * stream yet, or the last one ended more than `ENDED_STREAM_READABLE_MS` ago) or the user has no
   * such chat. `now` defaults to the clock.
   */
  readStream(userId: string, chatId: string, fromIndex: number, now?: number): Promise<StreamLog | undefined>;
}
