/**
 * How long a claim on a chat lasts without renewal, unless the store is opened with another
 * (`STREAM_LEASE_MS` in lib/env.ts). The generating request renews it while the answer runs; a claim
 * left by a process that died is free again this long after its last renewal, and its answer is
 * recovered then: short enough that a crash shows within seconds, long enough for a stalled poll.
 */
export const DEFAULT_STREAM_LEASE_MS = 10_000;

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

/**
 * Where a chat's log stands. `live`: its stream holds the chat's claim and its lease has not run
 * out, so more batches may come. `ended`: `endStream` ended it (the answer was stored). `abandoned`:
 * its lease ran out without `endStream` (the writing process died): nothing more comes, and the
 * answer it holds was never stored unless a recovery stores it (`claimAbandonedStream`).
 */
export type StreamLogState = "live" | "ended" | "abandoned";

/** A chat's stream log as a reader sees it: the batches it asked for, and where the log stands. */
export type StreamLog = {
  streamId: string;
  batches: StreamBatch[];
  state: StreamLogState;
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
 * from the next index; once a read says it is not `live` nothing more is appended, so that read's
 * batches complete the log. An ended log stays readable for `ENDED_STREAM_READABLE_MS`, then is
 * gone; the log of a stream whose process died stays (abandoned) until it is recovered or the next
 * claim starts a new one.
 */
export interface StreamStateStore {
  /** How long a claim lasts from its start or last renewal, in milliseconds (the store is opened with it). */
  readonly leaseMs: number;

  /**
   * Claims the chat for `streamId`, atomically: true when no other stream holds it (none, or one
   * whose lease ran out); false when another stream is live or the user has no such chat. A claim
   * lasts `leaseMs` from `now` and starts unstopped.
   */
  beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean>;

  /**
   * Extends the claim of `streamId` to `leaseMs` from `now`; false when it no longer holds the chat,
   * also when its lease has already run out (another stream may have claimed the chat meanwhile, or
   * recovered its answer: the stream must stop, not carry on beside it).
   */
  renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean>;

  /**
   * Claims a chat whose log was abandoned (never ended, no live claim) for `streamId`, keeping the
   * log, so that one instance stores the answer it holds: false when there is no such log (none,
   * live, ended, or being recovered by another). The claim lasts `leaseMs` like any other; the
   * recovery reads the log, stores the answer, then `endStream(streamId)` ends the log and releases
   * the chat. A recovery that dies leaves the log abandoned again once its lease runs out.
   */
  claimAbandonedStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean>;

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
