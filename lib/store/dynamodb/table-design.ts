import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

// The chat table's keys and definition. Its items and the protocol that writes them are documented
// in README.md beside this file.

/** The GSI that lists a user's chats, most recently updated first. Only chat items carry its keys. */
export const CHATS_BY_RECENCY_INDEX = "ChatsByRecency";

/**
 * The table's TTL attribute (epoch seconds): DynamoDB deletes an item some time (up to days) after
 * it, at no cost. Usage counters and the live-answer log's items carry it; readers never rely on it.
 */
export const TIME_TO_LIVE_ATTRIBUTE = "expiresAt";

/** Attributes the recency index copies, so listing never reads the base table. */
export const RECENCY_INDEX_ATTRIBUTES = ["chatId", "title", "createdAt", "updatedAt"] as const;

export function chatTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "PK", AttributeType: "S" },
      { AttributeName: "SK", AttributeType: "S" },
      { AttributeName: "GSI1PK", AttributeType: "S" },
      { AttributeName: "GSI1SK", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: CHATS_BY_RECENCY_INDEX,
        KeySchema: [
          { AttributeName: "GSI1PK", KeyType: "HASH" },
          { AttributeName: "GSI1SK", KeyType: "RANGE" },
        ],
        // Not ALL: the stream attributes and the message counter change often and stay out of the index.
        Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: [...RECENCY_INDEX_ATTRIBUTES] },
      },
    ],
  };
}

/** The part of SST's `DynamoArgs` the chat table uses (mutable, as SST's types expect). */
export type ChatTableSstArgs = {
  fields: Record<string, "string" | "number" | "binary">;
  primaryIndex: { hashKey: string; rangeKey: string };
  globalIndexes: Record<string, { hashKey: string; rangeKey: string; projection: string[] }>;
  ttl: string;
};

/** The same table as arguments for `new sst.aws.Dynamo(name, chatTableSstArgs)`. */
export const chatTableSstArgs: ChatTableSstArgs = {
  fields: { PK: "string", SK: "string", GSI1PK: "string", GSI1SK: "string" },
  primaryIndex: { hashKey: "PK", rangeKey: "SK" },
  globalIndexes: {
    [CHATS_BY_RECENCY_INDEX]: { hashKey: "GSI1PK", rangeKey: "GSI1SK", projection: [...RECENCY_INDEX_ATTRIBUTES] },
  },
  // Not part of CreateTable (UpdateTimeToLive turns it on): local tables have none, and need none.
  ttl: TIME_TO_LIVE_ATTRIBUTE,
};

// Key builders. User and chat ids go into partition keys escaped, so `#` only ever separates parts
// and no id can reach into another user's or chat's partition.

const escapeKeyPart = (value: string) => value.replaceAll("%", "%25").replaceAll("#", "%23");

/** The partition of one chat: its chat item, its messages and their chunks. */
export const chatPartitionKey = (userId: string, chatId: string) => `USER#${escapeKeyPart(userId)}#CHAT#${escapeKeyPart(chatId)}`;

/** The recency index's partition: all chats of one user. */
export const userChatsKey = (userId: string) => `USER#${escapeKeyPart(userId)}`;

export const CHAT_SORT_KEY = "CHAT";

/** Who owns a chat id (a chat id belongs to one user), with sort key `CHAT_OWNER_SORT_KEY`. */
export const chatIdOwnerKey = (chatId: string) => `CHATID#${escapeKeyPart(chatId)}`;
export const CHAT_OWNER_SORT_KEY = "OWNER";

/** The partition of one user's quota counters; the sort key is the counter's key (its window). */
export const usagePartitionKey = (userId: string) => `USAGE#${escapeKeyPart(userId)}`;

/**
 * One user's API keys: a single item whose `keys` map holds each key by id, so the per-user limit is
 * one conditional write on it. Sort key `API_KEYS_SORT_KEY`.
 */
export const apiKeysPartitionKey = (userId: string) => `APIKEYS#${escapeKeyPart(userId)}`;
export const API_KEYS_SORT_KEY = "KEYS";

/** An API key found by its hash (SHA-256 hex), one GetItem per authenticated request. Sort key `API_KEY_HASH_SORT_KEY`. */
export const apiKeyHashKey = (hash: string) => `APIKEYHASH#${escapeKeyPart(hash)}`;
export const API_KEY_HASH_SORT_KEY = "KEY";

export const MESSAGE_SORT_KEY_PREFIX = "MSG#";
export const messageSortKey = (messageId: string) => `${MESSAGE_SORT_KEY_PREFIX}${messageId}`;

/** Chunk 1, 2, … of one stored version of a message (chunk 0 lives in the message item). */
export const chunkSortKey = (messageId: string, version: string, index: number) =>
  `PART#${messageId}#${version}#${String(index).padStart(4, "0")}`;

/**
 * Sort keys of the live-answer log: part `part` of batch `index` of one stream. The prefix sorts
 * after every other item of the chat's partition, so reading the chat's messages can leave them out.
 */
export const STREAM_LOG_SORT_KEY_PREFIX = "STREAM#";
export const streamBatchSortKey = (streamId: string, index: number, part: number) =>
  `${STREAM_LOG_SORT_KEY_PREFIX}${escapeKeyPart(streamId)}#${String(index).padStart(8, "0")}#${String(part).padStart(4, "0")}`;

/** Epoch milliseconds up to `Number.MAX_SAFE_INTEGER` have at most 16 digits. */
const TIMESTAMP_DIGITS = 16;

/**
 * The recency index's sort key: zero-padded `updatedAt`, then the chat id, so that string order is
 * (updatedAt, id) order — read backwards, newest first with ties broken by id descending, exactly as
 * the SQLite adapter orders them (both compare ids by their UTF-8 bytes).
 */
export const recencySortKey = (updatedAt: number, chatId: string) =>
  `${String(updatedAt).padStart(TIMESTAMP_DIGITS, "0")}#${chatId}`;

/** The partition of one user's conversation index (the /v1 API); the sort key is a conversation's digest. */
export const conversationsPartitionKey = (userId: string) => `CONVERSATIONS#${escapeKeyPart(userId)}`;
