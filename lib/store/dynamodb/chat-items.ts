import type { ChatSummary, StoredChat } from "../chat-store";
import { CHAT_SORT_KEY, MESSAGE_SORT_KEY_PREFIX, chunkSortKey } from "./table-design";

// The items a chat's partition holds (see the table in README.md), and how a read of the whole
// partition becomes a chat again.

export type ChatItem = {
  PK: string;
  SK: typeof CHAT_SORT_KEY;
  GSI1PK: string;
  GSI1SK: string;
  chatId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** New for every chat created under this id: items left by an earlier chat of the same id are ignored. */
  incarnation: string;
  /** The last message position handed out (the next message goes after it). */
  lastSeq: number;
  /** The last message of the active path (branches); absent for a chat stored before chats were trees, whose last message is. */
  activeLeafId?: string;
  activeStreamId?: string;
  stopRequestedStreamId?: string;
  /** Epoch ms; the claim of `activeStreamId` is free again from then on. */
  streamLeaseExpiresAt?: number;
  /** The stream whose live-answer log the chat keeps (the current or last one). */
  logStreamId?: string;
  /** How many batches of that log are committed: readers read this many, no more. */
  logBatchCount?: number;
  /** Epoch ms; when that stream ended (its log is readable a while longer). */
  logEndedAt?: number;
};

export type MessageItem = {
  PK: string;
  SK: string;
  messageId: string;
  /** The message's position in the chat, kept when the message is replaced. */
  seq: number;
  /**
   * The message it follows in the chat's tree; null for a first message. Absent for a message stored
   * before chats were trees, which follows the message before it (by `seq`).
   */
  parentId?: string | null;
  incarnation: string;
  /** Random per write: names this write's chunk items, and lets writers replace or delete exactly what they read. */
  version: string;
  chunkCount: number;
  /** Chunk 0; chunks 1… are chunk items. */
  body: Uint8Array;
};

export const toSummary = (item: Pick<ChatItem, "chatId" | "title" | "createdAt" | "updatedAt">): ChatSummary => ({
  id: item.chatId,
  title: item.title,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
});

/** The chat's log when it was never ended (`StoredChat.unendedLog`), from the chat item's stream attributes. */
export function unendedLogOf(item: Pick<ChatItem, "logStreamId" | "logEndedAt" | "streamLeaseExpiresAt">): StoredChat["unendedLog"] {
  if (item.logStreamId === undefined || item.logEndedAt !== undefined) return undefined;
  return { streamId: item.logStreamId, claimedUntil: item.streamLeaseExpiresAt ?? 0 };
}

/** A message item said it had chunks that the same read did not return: a writer replaced it meanwhile. */
export class TornReadError extends Error {
  override name = "TornReadError";
}

export type ChatPartition = { chat: ChatItem; messages: { parentId: string | null | undefined; chunks: Uint8Array[] }[] };

/**
 * Assembles the items of one chat partition (any order) into the chat and its messages' chunks, in
 * the order they were first stored. Undefined when there is no chat item. Messages of an earlier incarnation and chunks
 * of versions no message item points to (replaced, or a write that never finished) are ignored.
 */
export function readChatPartition(items: readonly Record<string, unknown>[]): ChatPartition | undefined {
  const chat = items.find((item) => item.SK === CHAT_SORT_KEY) as ChatItem | undefined;
  if (!chat) return undefined;
  const bodies = new Map(items.map((item) => [item.SK as string, item.body as Uint8Array | undefined]));
  const messages = (items as readonly Partial<MessageItem>[])
    .filter((item): item is MessageItem => item.SK?.startsWith(MESSAGE_SORT_KEY_PREFIX) === true)
    .filter((message) => message.incarnation === chat.incarnation)
    .sort((first, second) => first.seq - second.seq)
    .map((message) => {
      const chunks = [message.body];
      for (let index = 1; index < message.chunkCount; index += 1) {
        const chunk = bodies.get(chunkSortKey(message.messageId, message.version, index));
        if (!chunk) throw new TornReadError(`Chunk ${index} of message ${message.messageId} is missing.`);
        chunks.push(chunk);
      }
      return { parentId: message.parentId, chunks };
    });
  return { chat, messages };
}
