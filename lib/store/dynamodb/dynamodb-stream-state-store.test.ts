import { randomBytes } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { describeStreamStateStoreContract } from "@/test/support/stream-state-store-contract";
import { type ChatTable, queryAll } from "./chat-table";
import { DynamoChatStore } from "./dynamodb-chat-store";
import { DynamoStreamStateStore } from "./dynamodb-stream-state-store";
import { MAX_CHUNK_BYTES } from "./message-chunks";
import { STREAM_LOG_SORT_KEY_PREFIX, TIME_TO_LIVE_ATTRIBUTE, chatPartitionKey } from "./table-design";

const { newClient, createTestTable, storesHarness } = dynaliteForTests();

describeStreamStateStoreContract("DynamoDB (dynalite)", storesHarness);

describe("the live-answer log's items on dynalite", () => {
  let client: DynamoDBClient;
  let deleteTable: () => Promise<void>;
  let table: ChatTable;
  let chats: DynamoChatStore;
  let streams: DynamoStreamStateStore;
  const now = Date.UTC(2025, 0, 1);

  beforeEach(async () => {
    client = newClient();
    const created = await createTestTable(client);
    deleteTable = created.deleteTable;
    table = { tableName: created.tableName, documents: DynamoDBDocumentClient.from(client) };
    chats = new DynamoChatStore(table);
    streams = new DynamoStreamStateStore(table);
    await chats.ensureChat("alice", { id: "c1", title: "t", now });
    await streams.beginStream("alice", "c1", "stream-1", now);
  });

  afterEach(async () => {
    await deleteTable();
    client.destroy();
  });

  const logItems = async () =>
    (await queryAll(table, { KeyConditionExpression: "PK = :partition", ExpressionAttributeValues: { ":partition": chatPartitionKey("alice", "c1") } })).filter(
      (item) => String(item.SK).startsWith(STREAM_LOG_SORT_KEY_PREFIX),
    );

  it("splits a large batch into items under DynamoDB's limit, each with a TTL a day ahead", async () => {
    const chunks = Array.from({ length: 70 }, () => randomBytes(12 * 1024).toString("base64"));
    expect(await streams.appendToStream("alice", "c1", "stream-1", { index: 0, chunks }, now)).toBe(true);
    const items = await logItems();
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect((item.body as Uint8Array).length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
      expect(item[TIME_TO_LIVE_ATTRIBUTE]).toBe(now / 1000 + 24 * 60 * 60);
    }
  });

  it("keeps the log out of the chat's messages, and deletes it with the chat", async () => {
    expect(await streams.appendToStream("alice", "c1", "stream-1", { index: 0, chunks: ["a"] }, now)).toBe(true);
    expect(await chats.getChat("alice", "c1")).toMatchObject({ messages: [] });
    expect(await logItems()).toHaveLength(1);
    expect(await chats.deleteChat("alice", "c1")).toBe(true);
    expect(await logItems()).toEqual([]);
  });
});
