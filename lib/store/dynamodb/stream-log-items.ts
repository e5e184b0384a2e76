import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { StreamBatch } from "../stream-state-store";
import { type ChatTable, queryAll } from "./chat-table";
import { fromJsonChunks, toJsonChunks } from "./message-chunks";
import { TIME_TO_LIVE_ATTRIBUTE, streamBatchSortKey } from "./table-design";

// The batches of a chat's live-answer log as items of the chat's partition (see "Live-answer log" in
// README.md): each batch is gzipped JSON cut into parts under DynamoDB's item limit, one item a part.

/** How long a log's items live at most: DynamoDB's TTL removes what a crashed or ended stream left. */
const STREAM_LOG_TIME_TO_LIVE_MS = 24 * 60 * 60 * 1000;

/** The last part number a sort key can hold (four digits): parts of 300 KB, so batches up to ~3 GB. */
const LAST_PART = 9999;

type BatchPartItem = { batchIndex: number; part: number; partCount: number; body: Uint8Array };

/** Writes batch `batch.index` of `streamId`'s log, part by part; readers see it once it is committed on the chat item. */
export async function putStreamBatch(table: ChatTable, partition: string, streamId: string, batch: StreamBatch, now: number): Promise<void> {
  const parts = await toJsonChunks(batch.chunks);
  const expiresAt = Math.ceil((now + STREAM_LOG_TIME_TO_LIVE_MS) / 1000);
  await Promise.all(
    parts.map((body, part) =>
      table.documents.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            PK: partition,
            SK: streamBatchSortKey(streamId, batch.index, part),
            batchIndex: batch.index,
            part,
            partCount: parts.length,
            body,
            [TIME_TO_LIVE_ATTRIBUTE]: expiresAt,
          },
        }),
      ),
    ),
  );
}

/** Batches `fromIndex` to `toIndex` of `streamId`'s log, in order, read with one strongly consistent query. */
export async function readStreamBatches(
  table: ChatTable,
  partition: string,
  streamId: string,
  { fromIndex, toIndex }: { fromIndex: number; toIndex: number },
): Promise<StreamBatch[]> {
  if (fromIndex > toIndex) return [];
  const items = (await queryAll(table, {
    KeyConditionExpression: "PK = :partition AND SK BETWEEN :first AND :last",
    ExpressionAttributeValues: {
      ":partition": partition,
      ":first": streamBatchSortKey(streamId, fromIndex, 0),
      ":last": streamBatchSortKey(streamId, toIndex, LAST_PART),
    },
    ConsistentRead: true,
  })) as unknown as BatchPartItem[];
  const partsByIndex = new Map<number, BatchPartItem[]>();
  for (const item of items) partsByIndex.set(item.batchIndex, [...(partsByIndex.get(item.batchIndex) ?? []), item]);
  const batches: StreamBatch[] = [];
  for (let index = fromIndex; index <= toIndex; index += 1) {
    // Items come in sort-key order. A committed batch has all its parts; parts past its count are
    // left by an earlier, unfinished attempt at the same batch and are not part of it.
    const partCount = partsByIndex.get(index)?.[0]?.partCount ?? 1;
    const parts = (partsByIndex.get(index) ?? []).filter((item) => item.part < partCount);
    if (parts.length !== partCount) throw new Error(`Batch ${index} of stream ${streamId} has ${parts.length} of its ${partCount} parts.`);
    batches.push({ index, chunks: (await fromJsonChunks(parts.map((part) => part.body))) as string[] });
  }
  return batches;
}
