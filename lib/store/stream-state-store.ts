/**
 * The state of a chat's running answer, shared by every server instance: which stream is writing
 * the answer now, and whether Stop was pressed for it (the generating instance polls for that). One
 * answer runs per chat; a new stream replaces the old one. The state lives with the chat: a chat
 * the user does not have has none, and it goes when the chat is deleted. It never changes the
 * chat's title or place in the list. Two adapters (SQLite, DynamoDB) pass one contract suite
 * (`test/support/stream-state-store-contract.ts`).
 */
export interface StreamStateStore {
  /** Records `streamId` as the chat's running stream (and forgets any earlier stop request). */
  beginStream(userId: string, chatId: string, streamId: string): Promise<void>;

  /** Marks the chat's running stream as stopped; false when nothing is running. */
  requestStop(userId: string, chatId: string): Promise<boolean>;

  /** Whether Stop was requested for `streamId` (false once a newer stream began). */
  isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean>;

  /** Clears the running stream if it is still `streamId` (an old stream never ends a newer one). */
  endStream(userId: string, chatId: string, streamId: string): Promise<void>;
}
