import { GetCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { StreamStateStore } from "../stream-state-store";
import { type ChatTable, conditionHeld } from "./chat-table";
import { CHAT_SORT_KEY, chatPartitionKey } from "./table-design";

/**
 * The running answer's state in two attributes of the chat item, changed by conditional updates;
 * the recency index does not project them, so the chat's order and title stay as they are (see
 * "Stream state" in README.md).
 */
export class DynamoStreamStateStore implements StreamStateStore {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  async beginStream(userId: string, chatId: string, streamId: string): Promise<void> {
    await this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #active = :stream REMOVE #stopRequested",
      ConditionExpression: "attribute_exists(PK)",
      ExpressionAttributeValues: { ":stream": streamId },
    });
  }

  async requestStop(userId: string, chatId: string): Promise<boolean> {
    return this.#updateStreamState(userId, chatId, {
      UpdateExpression: "SET #stopRequested = #active",
      ConditionExpression: "attribute_exists(#active)",
    });
  }

  async isStopRequested(userId: string, chatId: string, streamId: string): Promise<boolean> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ProjectionExpression: "#stopRequested",
        ExpressionAttributeNames: { "#stopRequested": "stopRequestedStreamId" },
        ConsistentRead: true,
      }),
    );
    return Item?.stopRequestedStreamId === streamId;
  }

  async endStream(userId: string, chatId: string, streamId: string): Promise<void> {
    await this.#updateStreamState(userId, chatId, {
      UpdateExpression: "REMOVE #active, #stopRequested",
      ConditionExpression: "#active = :stream",
      ExpressionAttributeValues: { ":stream": streamId },
    });
  }

  /** Applies a conditional update to the chat item's stream attributes; false when the condition failed. */
  async #updateStreamState(
    userId: string,
    chatId: string,
    update: Pick<UpdateCommandInput, "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues">,
  ): Promise<boolean> {
    const updated = this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: chatPartitionKey(userId, chatId), SK: CHAT_SORT_KEY },
        ExpressionAttributeNames: { "#active": "activeStreamId", "#stopRequested": "stopRequestedStreamId" },
        ...update,
      }),
    );
    return conditionHeld(updated);
  }
}
