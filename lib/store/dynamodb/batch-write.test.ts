import type { BatchWriteCommand, BatchWriteCommandOutput } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { type BatchWriteClient, type WriteRequest, batchWriteAll } from "./batch-write";

const puts = (count: number): WriteRequest[] => Array.from({ length: count }, (_, index) => ({ PutRequest: { Item: { PK: "p", SK: `s${index}` } } }));

/** A client that leaves the first `unprocessed` requests of each of its first `times` calls unprocessed. */
function flakyClient({ unprocessed, times }: { unprocessed: number; times: number }) {
  const calls: WriteRequest[][] = [];
  const client: BatchWriteClient = {
    async send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput> {
      const requests = command.input.RequestItems?.chats ?? [];
      calls.push(requests);
      const left = calls.length <= times ? requests.slice(0, unprocessed) : [];
      return { $metadata: {}, UnprocessedItems: left.length > 0 ? { chats: left } : {} };
    },
  };
  return { client, calls };
}

describe("batchWriteAll", () => {
  it("sends at most 25 requests at a time", async () => {
    const { client, calls } = flakyClient({ unprocessed: 0, times: 0 });
    await batchWriteAll(client, "chats", puts(60));
    expect(calls.map((call) => call.length)).toEqual([25, 25, 10]);
  });

  it("sends unprocessed requests again until none is left", async () => {
    const { client, calls } = flakyClient({ unprocessed: 3, times: 2 });
    await batchWriteAll(client, "chats", puts(5), { baseDelayMs: 1 });
    expect(calls.map((call) => call.length)).toEqual([5, 3, 3]);
    expect(calls[2]).toEqual(puts(3));
  });

  it("gives up after the last attempt", async () => {
    const { client, calls } = flakyClient({ unprocessed: 1, times: Infinity });
    await expect(batchWriteAll(client, "chats", puts(2), { maxAttempts: 3, baseDelayMs: 1 })).rejects.toThrow(/1 writes unprocessed after 3 attempts/);
    expect(calls).toHaveLength(3);
  });

  it("sends nothing for no requests", async () => {
    const { client, calls } = flakyClient({ unprocessed: 0, times: 0 });
    await batchWriteAll(client, "chats", []);
    expect(calls).toEqual([]);
  });
});
