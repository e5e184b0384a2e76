import { GetCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  DEFAULT_STREAM_LEASE_MS,
  ENDED_STREAM_READABLE_MS,
  type StreamBatch,
  type StreamLog,
  type StreamLogState,
  type StreamStateStore,
} from "../stream-state-store";
import type { ChatItem } from "./chat-items";
import { type ChatTable, conditionHeld } from "./chat-table";
import { putStreamBatch, readStreamBatches } from "./stream-log-items";
import { CHAT_SORT_KEY, chatPartitionKey } from "./table-design";

/** The chat item's stream attributes, by the placeholders the expressions below use. */
const streamAttributes = {
  "#active": "activeStreamId",
  "#stopRequested": "stopRequestedStreamId",
  "#lease": "streamLeaseExpiresAt",
  "#logStream": "logStreamId",
  "#logBatches": "logBatchCount",
  "#logEnded": "logEndedAt",
};

type StreamState = Pick<ChatItem, "activeStreamId" | "streamLeaseExpiresAt" | "logStreamId" | "logBatchCount" | "logEndedAt">;

/** A live claim: a stream holds the chat and its lease has not run out (one without a lease counts as expired). */
const LIVE_CLAIM = "attribute_exists(#active) AND #lease > :now";

type StreamUpdate = Pick<UpdateCommandInput, "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues">;

/**
 * The running answer's state in attributes of the chat item, changed by conditional updates (a
 * claim is one update whose condition is "no live claim", so two cannot both succeed); the recency
 * index does not project them, so the chat's order and title stay as they are. The live-answer log's
 * batches are items of the chat's partition, committed by a conditional update of the chat item's
 * batch count (see "Stream state" and "Live-answer log" in README.md).
 */
export class DynamoStreamStateStore implements StreamStateStore {
  readonly leaseMs: number;
  readonly #table: ChatTable;

  constructor(table: ChatTable, { leaseMs = DEFAULT_STREAM_LEASE_MS }: { leaseMs?: number } = {}) {
    this.#table = table;
    this.leaseMs = leaseMs;
  }

  // The new claim's log starts empty: readers follow `logStreamId`, so the previous stream's items are never read again (the TTL removes them).
  async beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #active = :stream, #lease = :expiresAt, #logStream = :stream, #logBatches = :none REMOVE #stopRequested, #logEnded",
      ConditionExpression: `attribute_exists(PK) AND NOT (${LIVE_CLAIM})`,
      ExpressionAttributeValues: { ":stream": streamId, ":expiresAt": now + this.leaseMs, ":now": now, ":none": 0 },
    });
  }

  async renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #lease = :expiresAt",
      ConditionExpression: "#active = :stream AND #lease > :now",
      ExpressionAttributeValues: { ":stream": streamId, ":expiresAt": now + this.leaseMs, ":now": now },
    });
  }

  // An abandoned log: never ended, and no live claim. The claim moves to the recovery; the log stays.
  async claimAbandonedStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #active = :stream, #lease = :expiresAt REMOVE #stopRequested",
      ConditionExpression: `attribute_exists(#logStream) AND attribute_not_exists(#logEnded) AND NOT (${LIVE_CLAIM})`,
      ExpressionAttributeValues: { ":stream": streamId, ":expiresAt": now + this.leaseMs, ":now": now },
    });
  }

  async requestStop(userId: string, chatId: string, now = Date.now()): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #stopRequested = #active",
      ConditionExpression: LIVE_CLAIM,
      ExpressionAttributeValues: { ":now": now },
    });
  }

  async isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean> {
    const { Item } = await this.#table.documents.send(
      new GetCommand({
        TableName: this.#table.tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ProjectionExpression: "#stopRequested",
        ExpressionAttributeNames: { "#stopRequested": streamAttributes["#stopRequested"] },
        ConsistentRead: true,
      }),
    );
    return Item?.stopRequestedStreamId === streamId;
  }

  async endStream(userId: string, chatId: string, streamId: string, now = Date.now()): Promise<void> {
    await this.#updateStreamState(userId, chatId, {
      UpdateExpression: "REMOVE #active, #stopRequested, #lease SET #logEnded = :now",
      ConditionExpression: "#active = :stream",
      ExpressionAttributeValues: { ":stream": streamId, ":now": now },
    });
  }

  // The batch's items first, then the commit: one conditional update of the chat item that checks
  // the claim and moves the count on, so readers, which read the count first, never see half a batch.
  async appendToStream(userId: string, chatId: string, streamId: string, batch: StreamBatch, now: number): Promise<boolean> {
    const decided = appendDecision(await this.#getStreamState(userId, chatId), streamId, batch.index, now);
    if (decided !== "append") return decided;
    await putStreamBatch(this.#table, chatPartitionKey(userId, chatId), streamId, batch, now);
    const committed = await this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #logBatches = :next",
      ConditionExpression: `#active = :stream AND #logStream = :stream AND #logBatches = :index AND #lease > :now`,
      ExpressionAttributeValues: { ":stream": streamId, ":index": batch.index, ":next": batch.index + 1, ":now": now },
    });
    if (committed) return true;
    // The claim was lost meanwhile, or a repeated append committed the batch first.
    return appendDecision(await this.#getStreamState(userId, chatId), streamId, batch.index, now) === true;
  }

  async readStream(userId: string, chatId: string, fromIndex: number, now = Date.now()): Promise<StreamLog | undefined> {
    const state = await this.#getStreamState(userId, chatId);
    if (!state?.logStreamId) return undefined;
    if (state.logEndedAt !== undefined && state.logEndedAt + ENDED_STREAM_READABLE_MS <= now) return undefined;
    const batches = await readStreamBatches(this.#table, chatPartitionKey(userId, chatId), state.logStreamId, {
      fromIndex,
      toIndex: (state.logBatchCount ?? 0) - 1,
    });
    return { streamId: state.logStreamId, batches, state: logState(state, state.logStreamId, now) };
  }

  async #getStreamState(userId: string, chatId: string): Promise<StreamState | undefined> {
    const { Item } = await this.#table.documents.send(
      new GetCommand({
        TableName: this.#table.tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ProjectionExpression: "#active, #lease, #logStream, #logBatches, #logEnded",
        ExpressionAttributeNames: {
          "#active": streamAttributes["#active"],
          "#lease": streamAttributes["#lease"],
          "#logStream": streamAttributes["#logStream"],
          "#logBatches": streamAttributes["#logBatches"],
          "#logEnded": streamAttributes["#logEnded"],
        },
        ConsistentRead: true,
      }),
    );
    return Item as StreamState | undefined;
  }

  /** Applies a conditional update to the chat item's stream attributes; false when the condition failed. */
  async #updateStreamState(userId: string, chatId: string, update: StreamUpdate): Promise<boolean> {
    // DynamoDB refuses attribute names an expression does not use: pass only those it does.
    const expressions = `${update.UpdateExpression} ${update.ConditionExpression}`;
    const names = Object.fromEntries(Object.entries(streamAttributes).filter(([placeholder]) => expressions.includes(placeholder)));
    const updated = this.#table.documents.send(
      new UpdateCommand({
        TableName: this.#table.tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ExpressionAttributeNames: names,
        ...update,
      }),
    );
    return conditionHeld(updated);
  }
}

/** `streamId` holds the claim and its lease has not run out: readers call its log live, and only then may it append. */
function holdsLiveClaim(state: StreamState, streamId: string, now: number): boolean {
  return state.activeStreamId === streamId && state.streamLeaseExpiresAt !== undefined && state.streamLeaseExpiresAt > now;
}

function logState(state: StreamState, logStreamId: string, now: number): StreamLogState {
  if (state.logEndedAt !== undefined) return "ended";
  return holdsLiveClaim(state, logStreamId, now) ? "live" : "abandoned";
}

/** What an append of batch `index` comes to: refused (false), already stored (true), or to be written. */
function appendDecision(state: StreamState | undefined, streamId: string, index: number, now: number): boolean | "append" {
  if (!state || !holdsLiveClaim(state, streamId, now) || state.logStreamId !== streamId) return false;
  const count = state.logBatchCount ?? 0;
  if (index < count) return true;
  if (index > count) throw new Error(`Batch ${index} of stream ${streamId} was appended before batch ${count}.`);
  return "append";
}
