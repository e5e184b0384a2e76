import type { ChatMessage } from "@/lib/message/chat-message";
import type { UsageCounters } from "./usage-counters";

export type ChatSummary = {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
};

export type StoredChat = ChatSummary & { messages: ChatMessage[] };

export type ChatListPage = { chats: ChatSummary[]; nextCursor: string | null };

/**
 * Where conversations live. Every method takes the owner's user id and only ever touches that
 * user's chats: to every read, write and delete, another user's chat is indistinguishable from one
 * that does not exist. A chat id belongs to one user (creating a chat under another user's id fails). Two adapters implement it (SQLite, DynamoDB) and pass the same contract suite
 * (`chat-store-contract.ts`).
 */
export interface ChatStore extends UsageCounters {
  /**
   * Creates the chat (empty, with this title) unless the user already has one with this id.
   * A chat id belongs to one user: undefined when another user's chat has this id.
   */
  ensureChat(userId: string, chat: { id: string; title: string; now: number }): Promise<ChatSummary | undefined>;

  getChat(userId: string, chatId: string): Promise<StoredChat | undefined>;

  /** The chat without its messages: cheap, for existence checks. */
  getChatSummary(userId: string, chatId: string): Promise<ChatSummary | undefined>;

  /** The user's chats, most recently updated first. */
  listChats(userId: string, page: { cursor?: string; limit: number }): Promise<ChatListPage>;

  /**
   * Appends the message, or replaces the message with the same id where it stands. Bumps the chat's
   * `updatedAt`. Returns false when the user has no such chat.
   */
  saveMessage(userId: string, chatId: string, message: ChatMessage, now: number): Promise<boolean>;

  /** Removes every message after `messageId` (a re-sent or regenerated turn replaces them). */
  deleteMessagesAfter(userId: string, chatId: string, messageId: string): Promise<void>;

  /** A new title; the chat keeps its place in the list (renaming is not activity). */
  renameChat(userId: string, chatId: string, title: string): Promise<ChatSummary | undefined>;

  /** Deletes the chat and all its messages; false when there was no such chat. */
  deleteChat(userId: string, chatId: string): Promise<boolean>;

  // Stop works across server instances: the generating instance polls the mark another set.

  /** Records `streamId` as the chat's active stream (and forgets any earlier stop request). */
  beginStream(userId: string, chatId: string, streamId: string): Promise<void>;
  /** Marks the chat's active stream as stopped; false when nothing is running. */
  requestStop(userId: string, chatId: string): Promise<boolean>;
  isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean>;
  /** Clears the active stream if it is still `streamId`. */
  endStream(userId: string, chatId: string, streamId: string): Promise<void>;

  close(): Promise<void>;
}

export const MAX_TITLE_LENGTH = 100;
