import { randomUUID } from "node:crypto";
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ChatMessage } from "@/lib/message/chat-message";
import { reopenInterruptedToolCalls } from "@/lib/message/interrupted-tool-call";
import { arrangeConversation } from "@/lib/message/message-tree";
import { branchSwitchRefused } from "../branch-switch-refused";
import type { ChatListPage, ChatSearchResult, ChatStore, ChatSummary, StoredChat } from "../chat-store";
import { InvalidCursorError, decodeListCursor, encodeListCursor } from "../list-cursor";
import { batchWriteAll } from "./batch-write";
import { type ChatTable, type QueryInput, conditionHeld, isConditionFailure, queryAll, queryPages, unlessConditionFails } from "./chat-table";
import { type ChatItem, type MessageItem, TornReadError, readChatPartition, toSummary, unendedLogOf } from "./chat-items";
import { searchChatItems } from "./dynamodb-chat-search";
import { fromMessageChunks, toMessageChunks } from "./message-chunks";
import {
  CHATS_BY_RECENCY_INDEX,
  CHAT_OWNER_SORT_KEY,
  CHAT_SORT_KEY,
  chatIdOwnerKey,
  STREAM_LOG_SORT_KEY_PREFIX,
  chatPartitionKey,
  chunkSortKey,
  messageSortKey,
  recencySortKey,
  userChatsKey,
} from "./table-design";

/** How often a step that lost a race to another writer (or a torn read) is tried before giving up. */
const MAX_ATTEMPTS = 5;

type MessageRef = Pick<MessageItem, "SK" | "messageId" | "seq" | "incarnation" | "version" | "chunkCount" | "parentId">;

const messageRefAttributes = {
  ProjectionExpression: "SK, #messageId, #seq, #incarnation, #version, #chunkCount, #parentId",
  ExpressionAttributeNames: {
    "#messageId": "messageId",
    "#seq": "seq",
    "#incarnation": "incarnation",
    "#version": "version",
    "#chunkCount": "chunkCount",
    "#parentId": "parentId",
  },
};

/**
 * Chats and messages in the chat table, without transactions (local servers such as dynalite have
 * none): every step is one conditional single-item write, and readers ignore what a half-finished
 * write leaves behind. The items and the write protocol (order, replace, branches, delete chat,
 * chat-id ownership) are documented in README.md beside this file.
 */
export class DynamoChatStore implements ChatStore {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  async ensureChat(userId: string, chat: { id: string; title: string; now: number }): Promise<ChatSummary | undefined> {
    if (!(await this.#claimChatId(userId, chat.id))) return undefined;
    for (let attempt = 1; ; attempt += 1) {
      const existing = await this.#getChatItem(userId, chat.id);
      if (existing) return toSummary(existing);
      const item: ChatItem = {
        PK: chatPartitionKey(userId, chat.id),
        SK: CHAT_SORT_KEY,
        GSI1PK: userChatsKey(userId),
        GSI1SK: recencySortKey(chat.now, chat.id),
        chatId: chat.id,
        title: chat.title,
        createdAt: chat.now,
        updatedAt: chat.now,
        incarnation: randomUUID(),
        lastSeq: 0,
      };
      try {
        await this.#documents.send(new PutCommand({ TableName: this.#tableName, Item: item, ConditionExpression: "attribute_not_exists(PK)" }));
        return toSummary(item);
      } catch (error) {
        // Created by a concurrent request: read it again.
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async getChat(userId: string, chatId: string): Promise<StoredChat | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      // Everything but the live-answer log, which sorts last.
      const items = await this.#queryAll({
        KeyConditionExpression: "PK = :partition AND SK < :streamLog",
        ExpressionAttributeValues: { ":partition": chatPartitionKey(userId, chatId), ":streamLog": STREAM_LOG_SORT_KEY_PREFIX },
        ConsistentRead: true,
      });
      try {
        const partition = readChatPartition(items);
        if (!partition) return undefined;
        const entries = await Promise.all(
          partition.messages.map(async ({ parentId, chunks }) => ({ message: reopenInterruptedToolCalls(await fromMessageChunks(chunks)), parentId })),
        );
        const conversation = arrangeConversation(entries, partition.chat.activeLeafId);
        const unendedLog = unendedLogOf(partition.chat);
        return { ...toSummary(partition.chat), ...conversation, ...(unendedLog && { unendedLog }) };
      } catch (error) {
        if (!(error instanceof TornReadError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async getChatSummary(userId: string, chatId: string): Promise<ChatSummary | undefined> {
    const chat = await this.#getChatItem(userId, chatId);
    return chat && toSummary(chat);
  }

  async listChats(userId: string, { cursor, limit }: { cursor?: string; limit: number }): Promise<ChatListPage> {
    const after = cursor === undefined ? undefined : decodeListCursor(cursor);
    if (after && !Number.isSafeInteger(after.updatedAt)) throw new InvalidCursorError("The cursor is not valid.");
    let startKey: Record<string, unknown> | undefined = after && {
      PK: chatPartitionKey(userId, after.id),
      SK: CHAT_SORT_KEY,
      GSI1PK: userChatsKey(userId),
      GSI1SK: recencySortKey(after.updatedAt, after.id),
    };
    // One extra chat tells whether another page follows.
    const found: ChatSummary[] = [];
    do {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: CHATS_BY_RECENCY_INDEX,
          KeyConditionExpression: "GSI1PK = :user",
          ExpressionAttributeValues: { ":user": userChatsKey(userId) },
          ScanIndexForward: false,
          Limit: limit + 1 - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((item) => toSummary(item as ChatItem)));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length <= limit);
    const chats = found.slice(0, limit);
    const last = chats.at(-1);
    return { chats, nextCursor: found.length > limit && last ? encodeListCursor({ updatedAt: last.updatedAt, id: last.id }) : null };
  }

  async saveMessage(userId: string, chatId: string, message: ChatMessage, now: number, parentId?: string | null): Promise<boolean> {
    const partition = chatPartitionKey(userId, chatId);
    const key = { PK: partition, SK: messageSortKey(message.id) };
    // Independent of each other; the put below is conditional on the message item read here.
    const [chat, current, [firstChunk, ...laterChunks]] = await Promise.all([
      this.#touchChat(userId, chatId, now),
      this.#getMessageRef(key),
      toMessageChunks(message),
    ]);
    if (!chat) return false;

    const version = randomUUID();
    const fields = { messageId: message.id, incarnation: chat.incarnation, version, chunkCount: laterChunks.length + 1, body: firstChunk };
    // Absent in a chat stored before chats were trees: the message then follows the one stored before it, the last.
    const newParentId = parentId === undefined ? chat.activeLeafId : parentId;

    await batchWriteAll(
      this.#documents,
      this.#tableName,
      laterChunks.map((body, index) => ({ PutRequest: { Item: { PK: partition, SK: chunkSortKey(message.id, version, index + 1), body } } })),
    );
    let put: { displaced: MessageRef | undefined; added: boolean };
    try {
      put = await this.#putMessageItem(key, fields, chat, current, newParentId);
    } catch (error) {
      await this.#deleteChunks(partition, { messageId: message.id, version, chunkCount: fields.chunkCount });
      throw error;
    }
    if (put.displaced) await this.#deleteChunks(partition, put.displaced);
    if (put.added) await this.#updateActiveLeaf(userId, chatId, message.id, chat.incarnation);
    return true;
  }

  async setActiveLeaf(userId: string, chatId: string, messageId: string, { streamId, now = Date.now() }: { streamId?: string; now?: number } = {}): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      const [chat, message] = await Promise.all([
        this.#getChatItem(userId, chatId),
        this.#getMessageRef({ PK: chatPartitionKey(userId, chatId), SK: messageSortKey(messageId) }),
      ]);
      if (!chat || message?.incarnation !== chat.incarnation) return false;
      if (isClaimedByAnother(chat, streamId, now)) throw branchSwitchRefused();
      // Lost to a claim or a delete since the read: the next read tells which.
      if (await this.#updateActiveLeaf(userId, chatId, messageId, chat.incarnation, { streamId, now })) return true;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Switching the branch of chat ${chatId} kept losing races to other writers.`);
    }
  }

  /**
   * Points the chat at its new active leaf, unless the chat was deleted (and perhaps created again)
   * meanwhile; with `unclaimed`, also unless a stream other than its `streamId` holds a live claim.
   */
  async #updateActiveLeaf(
    userId: string,
    chatId: string,
    messageId: string,
    incarnation: string,
    unclaimed?: { streamId: string | undefined; now: number },
  ): Promise<boolean> {
    // A claim without a lease counts as expired, as in the stream state store (a missing #lease compares false).
    const claimFree = unclaimed && `(attribute_not_exists(#active) OR NOT (#lease > :now)${unclaimed.streamId === undefined ? "" : " OR #active = :stream"})`;
    const updated = this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        UpdateExpression: "SET #activeLeafId = :leaf",
        ConditionExpression: claimFree ? `#incarnation = :incarnation AND ${claimFree}` : "#incarnation = :incarnation",
        ExpressionAttributeNames: {
          "#activeLeafId": "activeLeafId",
          "#incarnation": "incarnation",
          ...(unclaimed && { "#active": "activeStreamId", "#lease": "streamLeaseExpiresAt" }),
        },
        ExpressionAttributeValues: {
          ":leaf": messageId,
          ":incarnation": incarnation,
          ...(unclaimed && { ":now": unclaimed.now }),
          ...(unclaimed?.streamId !== undefined && { ":stream": unclaimed.streamId }),
        },
      }),
    );
    return conditionHeld(updated);
  }

  async renameChat(userId: string, chatId: string, title: string): Promise<ChatSummary | undefined> {
    const renamed = this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        UpdateExpression: "SET #title = :title",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeNames: { "#title": "title" },
        ExpressionAttributeValues: { ":title": title },
        ReturnValues: "ALL_NEW",
      }),
    );
    return unlessConditionFails(
      renamed.then(({ Attributes }) => toSummary(Attributes as ChatItem)),
      undefined,
    );
  }

  /** Claims the chat id for the user (true), or finds it is already theirs (true) or another's (false). */
  async #claimChatId(userId: string, chatId: string): Promise<boolean> {
    const claimed = this.#documents.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { PK: chatIdOwnerKey(chatId), SK: CHAT_OWNER_SORT_KEY, ownerId: userId },
        ConditionExpression: "attribute_not_exists(PK) OR ownerId = :user",
        ExpressionAttributeValues: { ":user": userId },
      }),
    );
    return conditionHeld(claimed);
  }

  async deleteChat(userId: string, chatId: string): Promise<boolean> {
    const partition = chatPartitionKey(userId, chatId);
    // The chat item goes first: from then on the chat is gone for readers and for saveMessage.
    const deleted = this.#documents.send(
      new DeleteCommand({ TableName: this.#tableName, Key: { PK: partition, SK: CHAT_SORT_KEY }, ConditionExpression: "attribute_exists(PK)" }),
    );
    if (!(await conditionHeld(deleted))) return false;
    for await (const items of this.#queryPages({
      KeyConditionExpression: "PK = :partition",
      ExpressionAttributeValues: { ":partition": partition },
      ProjectionExpression: "PK, SK",
      ConsistentRead: true,
    })) {
      await batchWriteAll(this.#documents, this.#tableName, items.map(({ PK, SK }) => ({ DeleteRequest: { Key: { PK, SK } } })));
    }
    // Last: the id is free again only once nothing of the chat is left.
    const released = this.#documents.send(
      new DeleteCommand({
        TableName: this.#tableName,
        Key: { PK: chatIdOwnerKey(chatId), SK: CHAT_OWNER_SORT_KEY },
        ConditionExpression: "ownerId = :user",
        ExpressionAttributeValues: { ":user": userId },
      }),
    );
    await conditionHeld(released);
    return true;
  }

  /** Newest chats first, matched in code: see dynamodb-chat-search.ts for the bound. */
  async searchChats(userId: string, query: string, options: { limit: number }): Promise<ChatSearchResult> {
    return searchChatItems({ tableName: this.#tableName, documents: this.#documents }, userId, query, options);
  }

  async #getChatItem(userId: string, chatId: string): Promise<ChatItem | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY }, ConsistentRead: true }),
    );
    return Item as ChatItem | undefined;
  }

  /**
   * Hands out the next message position and bumps `updatedAt` to `now` unless it is already later
   * (MAX semantics, as in SQLite). Undefined when the user has no such chat.
   */
  async #touchChat(userId: string, chatId: string, now: number): Promise<Pick<ChatItem, "incarnation" | "lastSeq" | "activeLeafId"> | undefined> {
    const update = async (bumpsUpdatedAt: boolean) => {
      const { Attributes } = await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
          UpdateExpression: bumpsUpdatedAt ? "SET #updatedAt = :now, GSI1SK = :recency ADD #lastSeq :one" : "ADD #lastSeq :one",
          ConditionExpression: bumpsUpdatedAt ? "attribute_exists(PK) AND #updatedAt <= :now" : "attribute_exists(PK)",
          ExpressionAttributeNames: { "#lastSeq": "lastSeq", ...(bumpsUpdatedAt && { "#updatedAt": "updatedAt" }) },
          ExpressionAttributeValues: { ":one": 1, ...(bumpsUpdatedAt && { ":now": now, ":recency": recencySortKey(now, chatId) }) },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes as ChatItem;
    };
    const bumped = await unlessConditionFails(update(true), undefined);
    // Undefined: either the chat is missing or it was updated later than `now`.
    return bumped ?? unlessConditionFails(update(false), undefined);
  }

  /**
   * Puts the message item (chunk 0 and what points to the other chunks) where the message stands, or
   * at `chat.lastSeq` under `newParentId` when it is new, and returns what it replaced and whether
   * the message is new. The put only succeeds if the item is still what this writer read (`read`,
   * then re-read after each lost race), so a concurrent writer's version is never overwritten unseen:
   * its chunks are always deleted by whoever displaces it.
   */
  async #putMessageItem(
    key: { PK: string; SK: string },
    fields: Omit<MessageItem, "PK" | "SK" | "seq" | "parentId">,
    chat: Pick<ChatItem, "incarnation" | "lastSeq">,
    read: MessageRef | undefined,
    newParentId: string | null | undefined,
  ): Promise<{ displaced: MessageRef | undefined; added: boolean }> {
    let current = read;
    for (let attempt = 1; ; attempt += 1) {
      const keepsPlace = current !== undefined && current.incarnation === chat.incarnation;
      const seq = current && keepsPlace ? current.seq : chat.lastSeq;
      const parentId = current && keepsPlace ? current.parentId : newParentId;
      try {
        await this.#documents.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: { ...key, ...fields, seq, ...(parentId !== undefined && { parentId }) },
            ...(current
              ? { ConditionExpression: "#version = :read", ExpressionAttributeNames: { "#version": "version" }, ExpressionAttributeValues: { ":read": current.version } }
              : { ConditionExpression: "attribute_not_exists(SK)" }),
          }),
        );
        return { displaced: current, added: !keepsPlace };
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
      current = await this.#getMessageRef(key);
    }
  }

  async #getMessageRef(key: { PK: string; SK: string }): Promise<MessageRef | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true, ...messageRefAttributes }));
    return Item as MessageRef | undefined;
  }

  async #deleteChunks(partition: string, { messageId, version, chunkCount }: Pick<MessageItem, "messageId" | "version" | "chunkCount">) {
    const requests = Array.from({ length: chunkCount - 1 }, (_, index) => ({
      DeleteRequest: { Key: { PK: partition, SK: chunkSortKey(messageId, version, index + 1) } },
    }));
    await batchWriteAll(this.#documents, this.#tableName, requests);
  }

  #queryPages(input: QueryInput): AsyncGenerator<Record<string, unknown>[]> {
    return queryPages({ tableName: this.#tableName, documents: this.#documents }, input);
  }

  #queryAll(input: QueryInput): Promise<Record<string, unknown>[]> {
    return queryAll({ tableName: this.#tableName, documents: this.#documents }, input);
  }
}

/** A stream other than `streamId` holds the chat's claim, and its lease has not run out: an answer is being written. */
function isClaimedByAnother(chat: Pick<ChatItem, "activeStreamId" | "streamLeaseExpiresAt">, streamId: string | undefined, now: number): boolean {
  return chat.activeStreamId !== undefined && chat.activeStreamId !== streamId && (chat.streamLeaseExpiresAt ?? 0) > now;
}
