import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { ChatItem } from "@/lib/store/dynamodb/chat-items";
import { CHAT_SORT_KEY, STREAM_LOG_SORT_KEY_PREFIX, TIME_TO_LIVE_ATTRIBUTE } from "@/lib/store/dynamodb/table-design";
import type { DynamoRequestCounts } from "@/test/support/local-dynamodb";
import { LAMBDA_TEST_TABLE } from "./lambda-harness";

// What a chat's live-answer log left in the function's table, read straight from the
// DynamoDB-compatible server (the function's store is inside its process).

type LogItem = { SK: string; batchIndex: number; part: number; expiresAt: number };
type LogInspection = { chat: ChatItem; items: LogItem[] };

/** The chat's item and the items of its live-answer logs (every stream's), in order. */
export async function inspectLiveAnswerLog(endpoint: string, chatId: string): Promise<LogInspection> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "inspector", secretAccessKey: "inspector" } }),
  );
  try {
    // A scan finds the chat's partition without knowing how the app names its user; the table is small.
    const { Items: chats = [] } = await client.send(
      new ScanCommand({ TableName: LAMBDA_TEST_TABLE, FilterExpression: "SK = :chat AND chatId = :id", ExpressionAttributeValues: { ":chat": CHAT_SORT_KEY, ":id": chatId } }),
    );
    const chat = chats[0] as ChatItem | undefined;
    if (!chat?.logStreamId) throw new Error(`The chat ${chatId} has no item with a live-answer log.`);
    const { Items: items = [] } = await client.send(
      new QueryCommand({
        TableName: LAMBDA_TEST_TABLE,
        KeyConditionExpression: "PK = :partition AND begins_with(SK, :log)",
        ExpressionAttributeValues: { ":partition": chat.PK, ":log": STREAM_LOG_SORT_KEY_PREFIX },
        ConsistentRead: true,
      }),
    );
    return {
      chat,
      items: items.map((item) => ({ SK: String(item.SK), batchIndex: Number(item.batchIndex), part: Number(item.part), expiresAt: Number(item[TIME_TO_LIVE_ATTRIBUTE]) })),
    };
  } finally {
    client.destroy();
  }
}

/** Write requests `caller` sent: every operation that changes items. */
export function storeWrites(counts: DynamoRequestCounts, caller: string): number {
  const operations = counts[caller] ?? {};
  return ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"].reduce((sum, operation) => sum + (operations[operation] ?? 0), 0);
}
