import { setTimeout as sleep } from "node:timers/promises";
import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from "@aws-sdk/lib-dynamodb";

// BatchWriteItem takes at most 25 requests, and may leave some unprocessed (throttling, or a
// partition busy) without failing: those are sent again, with exponential backoff and full jitter,
// until none is left or the attempts run out.

export type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

export type BatchWriteClient = { send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput> };

const BATCH_WRITE_LIMIT = 25;

export type BatchWriteOptions = { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };

export async function batchWriteAll(
  client: BatchWriteClient,
  tableName: string,
  requests: readonly WriteRequest[],
  { maxAttempts = 8, baseDelayMs = 50, maxDelayMs = 2_000 }: BatchWriteOptions = {},
): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > maxAttempts) {
        throw new Error(`DynamoDB left ${pending.length} writes unprocessed after ${maxAttempts} attempts.`);
      }
      if (attempt > 1) await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = UnprocessedItems?.[tableName] ?? [];
    }
  }
}
