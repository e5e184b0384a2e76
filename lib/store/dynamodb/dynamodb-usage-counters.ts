import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { UsageCounters } from "../usage-counters";
import { type ChatTable, unlessConditionFails } from "./chat-table";
import { usagePartitionKey } from "./table-design";

/** One item per user and counter key, changed by atomic ADDs (see "Usage counters" in README.md). */
export class DynamoUsageCounters implements UsageCounters {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  // A key names its window, so an expired counter is never added to again: the table's TTL removes it.
  async addWithinLimit(userId: string, { key, amount, limit, expiresAt }: { key: string; amount: number; limit: number; expiresAt: number }): Promise<number | undefined> {
    const added = this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: usagePartitionKey(userId), SK: key },
        UpdateExpression: "ADD #count :amount SET #expiresAt = :expiresAt",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count", "#expiresAt": "expiresAt" },
        ExpressionAttributeValues: { ":amount": amount, ":limit": limit, ":expiresAt": Math.ceil(expiresAt / 1000) },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return unlessConditionFails(
      added.then(({ Attributes }) => Number(Attributes?.count)),
      undefined,
    );
  }

  async addUsage(userId: string, { key, amount, expiresAt }: { key: string; amount: number; expiresAt: number }): Promise<number> {
    const { Attributes } = await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { PK: usagePartitionKey(userId), SK: key },
        UpdateExpression: "ADD #count :amount SET #expiresAt = :expiresAt",
        ExpressionAttributeNames: { "#count": "count", "#expiresAt": "expiresAt" },
        ExpressionAttributeValues: { ":amount": amount, ":expiresAt": Math.ceil(expiresAt / 1000) },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return Number(Attributes?.count);
  }

  async readUsage(userId: string, key: string, now: number): Promise<number> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { PK: usagePartitionKey(userId), SK: key }, ConsistentRead: true }),
    );
    // DynamoDB's TTL deletes expired items late (up to days): an expired counter reads as 0.
    if (!Item || Number(Item.expiresAt) * 1000 <= now) return 0;
    return Number(Item.count);
  }
}
