import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";

/** The one table the DynamoDB adapters share (its design: README.md here), through one document client. */
export type ChatTable = { tableName: string; documents: DynamoDBDocumentClient };

/** The write lost a race or found nothing to change: its condition did not hold. */
export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The conditional write's result, or `otherwise` when its condition did not hold. */
export async function unlessConditionFails<Result, Otherwise>(write: Promise<Result>, otherwise: Otherwise): Promise<Result | Otherwise> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return otherwise;
    throw error;
  }
}

/** Whether the conditional write was made (false: its condition did not hold). */
export const conditionHeld = (write: Promise<unknown>): Promise<boolean> => unlessConditionFails(write.then(() => true), false);

export type QueryInput = Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">;

/** The query's items page by page: DynamoDB answers a large query in several pages. */
export async function* queryPages({ tableName, documents }: ChatTable, input: QueryInput): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** All of the query's items, every page read. */
export async function queryAll(table: ChatTable, input: QueryInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(table, input)) items.push(...page);
  return items;
}
