import { GetCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { STREAM_LEASE_MS, type StreamStateStore } from "../stream-state-store";
import { type ChatTable, conditionHeld } from "./chat-table";
import { CHAT_SORT_KEY, chatPartitionKey } from "./table-design";

/** The chat item's stream attributes, by the placeholders the expressions below use. */
const streamAttributes = { "#active": "activeStreamId", "#stopRequested": "stopRequestedStreamId", "#lease": "streamLeaseExpiresAt" };

/** A live claim: a stream holds the chat and its lease has not run out (one without a lease counts as expired). */
const LIVE_CLAIM = "attribute_exists(#active) AND #lease > :now";

type StreamUpdate = Pick<UpdateCommandInput, "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues">;

/**
 * The running answer's state in three attributes of the chat item, changed by conditional updates
 * (a claim is one update whose condition is "no live claim", so two cannot both succeed); the
 * recency index does not project them, so the chat's order and title stay as they are (see
 * "Stream state" in README.md).
 */
export class DynamoStreamStateStore implements StreamStateStore {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  async beginStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #active = :stream, #lease = :expiresAt REMOVE #stopRequested",
      ConditionExpression: `attribute_exists(PK) AND NOT (${LIVE_CLAIM})`,
      ExpressionAttributeValues: { ":stream": streamId, ":expiresAt": now + STREAM_LEASE_MS, ":now": now },
    });
  }

  async renewStream(userId: string, chatId: string, streamId: string, now: number): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #lease = :expiresAt",
      ConditionExpression: "#active = :stream",
      ExpressionAttributeValues: { ":stream": streamId, ":expiresAt": now + STREAM_LEASE_MS },
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
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ProjectionExpression: "#stopRequested",
        ExpressionAttributeNames: { "#stopRequested": streamAttributes["#stopRequested"] },
        ConsistentRead: true,
      }),
    );
    return Item?.stopRequestedStreamId === streamId;
  }

  async endStream(userId: string, chatId: string, streamId: string): Promise<void> {
    await this.#updateStreamState(userId, chatId, {
      UpdateExpression: "REMOVE #active, #stopRequested, #lease",
      ConditionExpression: "#active = :stream",
      ExpressionAttributeValues: { ":stream": streamId },
    });
  }

  /** Applies a conditional update to the chat item's stream attributes; false when the condition failed. */
  async #updateStreamState(userId: string, chatId: string, update: StreamUpdate): Promise<boolean> {
    // DynamoDB refuses attribute names an expression does not use: pass only those it does.
    const expressions = `${update.UpdateExpression} ${update.ConditionExpression}`;
    const names = Object.fromEntries(Object.entries(streamAttributes).filter(([placeholder]) => expressions.includes(placeholder)));
    const updated = this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ExpressionAttributeNames: names,
        ...update,
      }),
    );
    return conditionHeld(updated);
  }
}
