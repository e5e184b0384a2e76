import { randomBytes } from "node:crypto";
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { describeChatStoreContract } from "@/test/support/chat-store-contract";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { InvalidCursorError, encodeListCursor } from "../list-cursor";
import type { ChatTable } from "./chat-table";
import { TornReadError } from "./chat-items";
import { DynamoChatStore } from "./dynamodb-chat-store";
import { DynamoStreamStateStore } from "./dynamodb-stream-state-store";
import { MAX_CHUNK_BYTES, toMessageChunks } from "./message-chunks";
import { CHATS_BY_RECENCY_INDEX, RECENCY_INDEX_ATTRIBUTES, chatPartitionKey, messageSortKey } from "./table-design";

const { newClient, createTestTable, storesHarness } = dynaliteForTests();

describeChatStoreContract("DynamoDB (dynalite)", storesHarness);

const userMessage = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });

/** An answer that does not compress: about 1.1 MB of JSON, over 800 KB gzipped. */
const incompressibleAnswer = (id: string): ChatMessage => ({
  id,
  role: "assistant",
  parts: [{ type: "text", text: randomBytes(800_000).toString("base64"), state: "done" }],
});

describe("DynamoChatStore on dynalite", () => {
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  let tableName: string;
  let deleteTable: () => Promise<void>;
  let table: ChatTable;
  let store: DynamoChatStore;

  beforeEach(async () => {
    client = newClient();
    documents = DynamoDBDocumentClient.from(client);
    ({ tableName, deleteTable } = await createTestTable(client));
    table = { tableName, documents };
    store = new DynamoChatStore(table);
  });

  afterEach(async () => {
    await deleteTable();
    client.destroy();
  });

  /** Every item in one chat's partition, straight from the table. */
  async function partitionItems(userId: string, chatId: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "PK = :partition",
          ExpressionAttributeValues: { ":partition": chatPartitionKey(userId, chatId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  const chunkItems = (items: Record<string, unknown>[]) => items.filter((item) => String(item.SK).startsWith("PART#"));

  it("defines the table with the recency index it lists from", async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ]);
    expect(Table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: CHATS_BY_RECENCY_INDEX,
        IndexStatus: "ACTIVE",
        KeySchema: [
          { AttributeName: "GSI1PK", KeyType: "HASH" },
          { AttributeName: "GSI1SK", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: [...RECENCY_INDEX_ATTRIBUTES] },
      }),
    ]);
  });

  it("splits a big message over several items and leaves none behind when it shrinks", async () => {
    const big = incompressibleAnswer("a1");
    const expectedChunks = (await toMessageChunks(big)).length;
    expect(expectedChunks).toBeGreaterThanOrEqual(3);

    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    await store.saveMessage("alice", "c1", userMessage("u1", "a long one please"), 1_001);
    await store.saveMessage("alice", "c1", big, 1_002);
    const items = await partitionItems("alice", "c1");
    expect(chunkItems(items)).toHaveLength(expectedChunks - 1);
    for (const item of items) expect((item.body as Uint8Array | undefined)?.length ?? 0).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect((await store.getChat("alice", "c1"))?.messages).toEqual([userMessage("u1", "a long one please"), big]);

    // A second big version replaces the first one's chunks rather than adding to them.
    const bigger = incompressibleAnswer("a1");
    await store.saveMessage("alice", "c1", bigger, 1_003);
    expect(chunkItems(await partitionItems("alice", "c1"))).toHaveLength((await toMessageChunks(bigger)).length - 1);

    await store.saveMessage("alice", "c1", userMessage("a1", "short now"), 1_004);
    const after = await partitionItems("alice", "c1");
    expect(chunkItems(after)).toEqual([]);
    expect(after.map((item) => item.SK).sort()).toEqual(["CHAT", messageSortKey("a1"), messageSortKey("u1")]);
    expect((await store.getChat("alice", "c1"))?.messages.map((message) => message.id)).toEqual(["u1", "a1"]);
  });

  it("writes nothing for a chat that does not exist", async () => {
    expect(await store.saveMessage("alice", "missing", incompressibleAnswer("a1"), 1_000)).toBe(false);
    expect(await partitionItems("alice", "missing")).toEqual([]);
  });

  it("leaves no item of a deleted chat, and other chats untouched", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    await store.ensureChat("alice", { id: "c2", title: "kept", now: 1_000 });
    await store.saveMessage("alice", "c1", userMessage("u1", "hi"), 1_001);
    await store.saveMessage("alice", "c1", incompressibleAnswer("a1"), 1_002);
    await store.saveMessage("alice", "c2", userMessage("u1", "still here"), 1_003);
    await new DynamoStreamStateStore(table).beginStream("alice", "c1", "stream-1", 1_004);

    expect(await store.deleteChat("alice", "c1")).toBe(true);
    expect(await partitionItems("alice", "c1")).toEqual([]);
    expect((await store.listChats("alice", { limit: 10 })).chats.map((chat) => chat.id)).toEqual(["c2"]);
    expect((await store.getChat("alice", "c2"))?.messages).toEqual([userMessage("u1", "still here")]);
  });

  it("reads a chat stored before chats were trees as one line, and branches it", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    for (const [index, id] of ["q1", "a1", "q2"].entries()) await store.saveMessage("alice", "c1", userMessage(id, id), 1_001 + index);
    // As an older version stored them: no parent on the messages, no active leaf on the chat.
    for (const item of await partitionItems("alice", "c1")) {
      const { parentId: _parent, activeLeafId: _leaf, ...legacy } = item;
      await documents.send(new PutCommand({ TableName: tableName, Item: legacy }));
    }
    expect((await partitionItems("alice", "c1")).some((item) => "parentId" in item || "activeLeafId" in item)).toBe(false);

    const chat = await store.getChat("alice", "c1");
    expect(chat?.messages.map((message) => message.id)).toEqual(["q1", "a1", "q2"]);
    expect(chat?.tree.map((node) => node.parentId)).toEqual([null, "q1", "a1"]);
    await store.saveMessage("alice", "c1", userMessage("a2", "follows q2"), 2_000);
    await store.saveMessage("alice", "c1", userMessage("q2b", "edited q2"), 2_001, "a1");
    expect((await store.getChat("alice", "c1"))?.messages.map((message) => message.id)).toEqual(["q1", "a1", "q2b"]);
    expect(await store.setActiveLeaf("alice", "c1", "a2")).toBe(true);
    expect((await store.getChat("alice", "c1"))?.messages.map((message) => message.id)).toEqual(["q1", "a1", "q2", "a2"]);
  });

  it("keeps one copy of a message, in its place, when many writers replace it at once", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    await store.saveMessage("alice", "c1", userMessage("u1", "first"), 1_001);
    await store.saveMessage("alice", "c1", userMessage("a1", "draft"), 1_002);
    await store.saveMessage("alice", "c1", userMessage("u2", "last"), 1_003);

    const versions = Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? incompressibleAnswer("a1") : userMessage("a1", `small ${index}`)));
    const others = Array.from({ length: 4 }, () => new DynamoChatStore(table));
    const saving = Promise.all(versions.map((version, index) => (others[index % others.length] ?? store).saveMessage("alice", "c1", version, 2_000 + index)));
    // Readers meanwhile always get a whole version of the message (a torn read is read again).
    let settled = false;
    void saving.finally(() => (settled = true));
    const seen: (ChatMessage | undefined)[] = [];
    while (!settled) seen.push((await store.getChat("alice", "c1"))?.messages[1]);
    await saving;
    for (const message of seen) expect([userMessage("a1", "draft"), ...versions]).toContainEqual(message);

    const chat = await store.getChat("alice", "c1");
    expect(chat?.messages.map((message) => message.id)).toEqual(["u1", "a1", "u2"]);
    expect(versions).toContainEqual(chat?.messages[1]);
    // Only the chunks of the version that won are left.
    const winner = (await partitionItems("alice", "c1")).find((item) => item.SK === messageSortKey("a1"));
    expect(chunkItems(await partitionItems("alice", "c1"))).toHaveLength(Number(winner?.chunkCount) - 1);
  });

  it("reads again when a concurrent replace deleted chunks its read pointed to", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    await store.saveMessage("alice", "c1", incompressibleAnswer("a1"), 1_001);
    const [firstChunk] = chunkItems(await partitionItems("alice", "c1"));
    await documents.send(new DeleteCommand({ TableName: tableName, Key: { PK: firstChunk?.PK, SK: firstChunk?.SK } }));
    // Torn for good: an error, never a broken message.
    await expect(store.getChat("alice", "c1")).rejects.toThrow(TornReadError);

    // Torn once: the replace that deleted the chunks lands right after the first read.
    const replacement = incompressibleAnswer("a1");
    const writerClient = newClient();
    const writer = new DynamoChatStore({ tableName, documents: DynamoDBDocumentClient.from(writerClient) });
    let queries = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "QueryCommand" && (queries += 1) === 1) await writer.saveMessage("alice", "c1", replacement, 1_002);
        return result;
      },
      { step: "initialize", name: "replaceAfterFirstQuery" },
    );
    expect((await store.getChat("alice", "c1"))?.messages).toEqual([replacement]);
    expect(queries).toBe(2);
    client.middlewareStack.remove("replaceAfterFirstQuery");
    writerClient.destroy();
  });

  it("refuses to switch branches when a new answer claims the chat between the switch's read and its write", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    await store.saveMessage("alice", "c1", userMessage("u1", "one"), 1_001, null);
    await store.saveMessage("alice", "c1", userMessage("u1b", "uno"), 1_002, null);

    // Another instance's turn claims the chat right before the switch writes the new leaf.
    const claimerClient = newClient();
    const claimer = new DynamoStreamStateStore({ tableName, documents: DynamoDBDocumentClient.from(claimerClient) });
    const commands: Array<string | undefined> = [];
    let claimed = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName);
        if (context.commandName === "UpdateItemCommand" && !claimed) {
          claimed = true;
          expect(await claimer.beginStream("alice", "c1", "stream-1", 2_000)).toBe(true);
        }
        return next(args);
      },
      { step: "initialize", name: "claimBeforeUpdate" },
    );
    try {
      await expect(store.setActiveLeaf("alice", "c1", "u1", { now: 2_000 })).rejects.toMatchObject({ code: "answer_in_progress", status: 409 });
    } finally {
      client.middlewareStack.remove("claimBeforeUpdate");
      claimerClient.destroy();
    }
    // The switch read the chat unclaimed, wrote once and lost, then read the claim.
    expect(commands).toEqual(["GetItemCommand", "GetItemCommand", "UpdateItemCommand", "GetItemCommand", "GetItemCommand"]);
    expect((await store.getChat("alice", "c1"))?.messages.map((message) => message.id)).toEqual(["u1b"]);
  });

  it("gives every message appended at the same time its own place", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
    const ids = Array.from({ length: 30 }, (_, index) => `m${index}`);
    const results = await Promise.all(ids.map((id, index) => store.saveMessage("alice", "c1", userMessage(id, id), 1_001 + index)));
    expect(results.every(Boolean)).toBe(true);
    // Saved at once, several may name the same parent: every one is kept, on some branch.
    const stored = (await store.getChat("alice", "c1"))?.tree.map((node) => node.id);
    expect(stored?.toSorted()).toEqual(ids.toSorted());
    const positions = (await partitionItems("alice", "c1")).filter((item) => item.messageId !== undefined).map((item) => item.seq);
    expect(new Set(positions).size).toBe(ids.length);
    // updatedAt only moves forward, whatever order the saves landed in.
    expect((await store.getChatSummary("alice", "c1"))?.updatedAt).toBe(1_030);
  });

  it("never bumps updatedAt backwards", async () => {
    await store.ensureChat("alice", { id: "c1", title: "t", now: 5_000 });
    expect(await store.saveMessage("alice", "c1", userMessage("u1", "late clock"), 4_000)).toBe(true);
    expect(await store.getChat("alice", "c1")).toMatchObject({ updatedAt: 5_000, messages: [userMessage("u1", "late clock")] });
  });

  it("keeps ids with separators from reaching into another user's or chat's items", async () => {
    await store.ensureChat("a#CHAT#b", { id: "c", title: "tricky user", now: 1_000 });
    await store.ensureChat("a", { id: "b#CHAT#c", title: "tricky chat", now: 1_000 });
    await store.ensureChat("a", { id: "b", title: "plain", now: 1_000 });
    await store.saveMessage("a", "b", userMessage("u1", "plain"), 1_001);
    expect((await store.getChat("a", "b"))?.messages).toEqual([userMessage("u1", "plain")]);
    expect((await store.getChat("a#CHAT#b", "c"))?.messages).toEqual([]);
    expect((await store.listChats("a", { limit: 10 })).chats.map((chat) => chat.id)).toEqual(["b", "b#CHAT#c"]);
    expect((await store.listChats("a#CHAT#b", { limit: 10 })).chats.map((chat) => chat.id)).toEqual(["c"]);
  });

  it("shows nothing a save left behind in an earlier chat of the same id", async () => {
    await store.ensureChat("alice", { id: "c1", title: "old", now: 1_000 });
    const orphan = (await partitionItems("alice", "c1"))[0];
    await store.deleteChat("alice", "c1");
    // As if a save that raced the delete wrote its message item after the delete swept the partition.
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          PK: chatPartitionKey("alice", "c1"),
          SK: messageSortKey("late"),
          messageId: "late",
          seq: 1,
          incarnation: orphan?.incarnation,
          version: "v",
          chunkCount: 1,
          body: (await toMessageChunks(userMessage("late", "from the old chat")))[0],
        },
      }),
    );
    await store.ensureChat("alice", { id: "c1", title: "new", now: 2_000 });
    expect((await store.getChat("alice", "c1"))?.messages).toEqual([]);
    await store.saveMessage("alice", "c1", userMessage("late", "reused id"), 2_001);
    expect((await store.getChat("alice", "c1"))?.messages).toEqual([userMessage("late", "reused id")]);
  });

  it("refuses a cursor whose time is out of range", async () => {
    const cursor = encodeListCursor({ updatedAt: 2 ** 60, id: "c1" });
    await expect(store.listChats("alice", { limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
