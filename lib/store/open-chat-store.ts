import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { ChatStore } from "./chat-store";

/** The store the configuration asks for; each adapter is loaded only when chosen. */
export async function openChatStore(env: Env): Promise<ChatStore> {
  if (env.CHAT_STORE === "dynamodb") {
    const { DynamoChatStore } = await import("./dynamodb/dynamodb-chat-store");
    if (!env.DYNAMODB_TABLE) throw new Error("DYNAMODB_TABLE is required for the DynamoDB store.");
    return new DynamoChatStore({ tableName: env.DYNAMODB_TABLE, endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
  }
  const { SqliteChatStore } = await import("./sqlite/sqlite-chat-store");
  return new SqliteChatStore(join(env.PARLEY_DATA_DIR, "parley.sqlite"));
}
