/** Where a conversation held by a program goes on: the chat it is kept in, and its last message there. */
export type ConversationPlace = { chatId: string; messageId: string };

/**
 * Finds the chat a program's conversation is kept in (the /v1 API: its clients send the whole
 * conversation with every request). After each answer, the conversation as the client now holds it
 * is remembered by its digest (`key`, computed by the caller); a next request whose messages begin
 * with that conversation goes on in the same chat. Per user: another user's keys are never found.
 * A place may outlive its chat or message (a deleted chat): the caller checks it still exists.
 * Two adapters (SQLite, DynamoDB) pass one contract suite (`test/support/conversation-index-contract.ts`).
 */
export interface ConversationIndex {
  find(userId: string, key: string): Promise<ConversationPlace | undefined>;
  /** Remembers (or moves) the place of the conversation with this digest. */
  remember(userId: string, key: string, place: ConversationPlace): Promise<void>;
}
