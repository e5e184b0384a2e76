import { setTimeout as sleep } from "node:timers/promises";
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { chatTableDefinition } from "./table-design";

/**
 * Creates the chat table (on demand billing) and resolves once it and its index are ACTIVE. For tests
 * and local development against a local server; on AWS, SST creates the table. A table that already
 * exists is waited for, not checked against the definition.
 */
export async function createChatTable(client: DynamoDBClient, tableName: string, { timeoutMs = 120_000 } = {}): Promise<void> {
  try {
    await client.send(new CreateTableCommand(chatTableDefinition(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 2_000)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === "ACTIVE");
    if (Table?.TableStatus === "ACTIVE" && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`The table ${tableName} was not active after ${timeoutMs} ms.`);
    await sleep(delayMs);
  }
}
