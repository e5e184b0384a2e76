/**
 * How long a claim on a chat lasts without renewal. The generating request renews it while the
 * answer runs; a claim left by a process that died is free again this long after its last renewal.
 */
export const STREAM_LEASE_MS = 60_000;

/**
 * The state of a chat's running answer, shared by every server instance: which stream is writing
 * the answer now, and whether Stop was pressed for it (the generating instance polls for that). One
 * answer runs per chat: a stream claims the chat and holds it until it ends or its lease runs out.
 * The state lives with the chat: a chat the user does not have has none, and it goes when the chat
 * is deleted. It never changes the chat's title or place in the list. Two adapters (SQLite,
 * DynamoDB) pass one contract suite (`test/support/stream-state-store-contract.ts`). Times are
 * epoch milliseconds.
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

  /** Releases the chat if `streamId` still holds it (an old stream never ends a newer one). */
  endStream(userId: string, chatId: string, streamId: string): Promise<void>;
}
