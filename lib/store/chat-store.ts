import type { ChatMessage } from "@/lib/message/chat-message";
import type { MessageNode } from "@/lib/message/message-tree";

export type ChatSummary = {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
};

export type StoredChat = ChatSummary & {
  /** The active path, first message first: what the chat shows and the model reads. */
  messages: ChatMessage[];
  /** Every message's place in the chat's tree (branches), in the order they were first stored. */
  tree: MessageNode[];
  /** Every message of the chat, on any branch. */
  messagesById: ReadonlyMap<string, ChatMessage>;
  /**
   * The chat's live-answer log when it was never ended (see StreamStateStore), read with the chat at
   * no extra cost: its answer is being written, or the process writing it died. `claimedUntil` is
   * when the chat's claim runs out (0 without one); from then on the log is abandoned, and its
   * answer is to be recovered (lib/chat/recover-interrupted-answer.ts).
   */
  unendedLog?: { streamId: string; claimedUntil: number };
};

export type ChatListPage = { chats: ChatSummary[]; nextCursor: string | null };

/** A piece of a search hit's snippet; `match`: one of the words searched for. Text, never markup. */
export type SnippetPart = { text: string; match: boolean };

/** A chat that matched a search: at its title (`messageId` undefined) or at one of its messages. */
export type ChatSearchHit = { chat: ChatSummary; messageId: string | undefined; snippet: SnippetPart[] };

/** `truncated`: only the user's most recently updated chats were searched (an adapter's bound). */
export type ChatSearchResult = { hits: ChatSearchHit[]; truncated: boolean };

/**
 * Where conversations live: chats and their messages. Every method takes the owner's user id and
 * only ever touches that user's chats: to every read, write and delete, another user's chat is
 * indistinguishable from one that does not exist. Two adapters (SQLite, DynamoDB) pass one contract
 * suite (`test/support/chat-store-contract.ts`).
 */
export interface ChatStore {
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
   * Adds the message under `parentId` (null: as a first message; absent: after the active path's
   * last message) and makes it the active leaf; or, when the chat has a message with this id,
   * replaces it where it stands (its place and the active leaf stay). Bumps the chat's `updatedAt`.
   * Returns false when the user has no such chat. The caller checks that `parentId` is the chat's.
   */
  saveMessage(userId: string, chatId: string, message: ChatMessage, now: number, parentId?: string | null): Promise<boolean>;

  /**
   * Makes the path to this message the active one (switching branches); false when the chat has no
   * such message. While a stream other than `streamId` holds a live claim on the chat (an answer is
   * being written: see StreamStateStore), throws `branchSwitchRefused()` (409) and changes nothing:
   * checked in the same write, so a claim taken meanwhile cannot slip in between. The stream that
   * holds the claim may move the leaf (its own turn). `now` (defaults to the clock) tells whether a
   * claim's lease has run out.
   */
  setActiveLeaf(userId: string, chatId: string, messageId: string, options?: { streamId?: string; now?: number }): Promise<boolean>;

  /** A new title; the chat keeps its place in the list (renaming is not activity). */
  renameChat(userId: string, chatId: string, title: string): Promise<ChatSummary | undefined>;

  /** Deletes the chat and all its messages; false when there was no such chat. */
  deleteChat(userId: string, chatId: string): Promise<boolean>;

  /**
   * The user's chats whose title, or the text of one of whose messages, holds every word of the
   * query (case and accents aside; the last word may be the start of a word), most recently updated
   * first, at most `limit`. One hit per chat: its title when that matches, else its latest message
   * that does. A query without a letter or digit finds nothing.
   */
  searchChats(userId: string, query: string, options: { limit: number }): Promise<ChatSearchResult>;
}

export const MAX_TITLE_LENGTH = 100;
