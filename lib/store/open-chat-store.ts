import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { ChatStore } from "./chat-store";

/** The store the configuration asks for; each adapter is loaded only when chosen. */
export async function openChatStore(env: Env): Promise<ChatStore> {
  if (env.CHAT_STORE === "dynamodb") {
    if (!env.DYNAMODB_TABLE) throw new Error("DYNAMODB_TABLE is required for the DynamoDB store.");
    const [{ DynamoDBClient }, { DynamoChatStore }, { createChatTable }] = await Promise.all([
      import("@aws-sdk/client-dynamodb"),
      import("./dynamodb/dynamodb-chat-store"),
      import("./dynamodb/create-chat-table"),
    ]);
    const client = new DynamoDBClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    // On AWS the table comes from SST; a local DynamoDB-compatible server starts empty.
    if (env.DYNAMODB_ENDPOINT) await createChatTable(client, env.DYNAMODB_TABLE);
    return new DynamoChatStore({ tableName: env.DYNAMODB_TABLE, client });
  }
  const { SqliteChatStore } = await import("./sqlite/sqlite-chat-store").catch((error: unknown) => {
    throw new Error("The SQLite store cannot load here (deployed bundles leave it out): set CHAT_STORE=dynamodb.", { cause: error });
  });
  return new SqliteChatStore(join(env.PARLEY_DATA_DIR, "parley.sqlite"));
}
