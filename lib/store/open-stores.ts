import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { ApiKeyStore } from "./api-key-store";
import type { ChatStore } from "./chat-store";
import type { ConversationIndex } from "./conversation-index";
import type { StreamStateStore } from "./stream-state-store";
import type { UsageCounters } from "./usage-counters";

/** The stores, on one storage: one SQLite connection, or one DynamoDB client and table. */
export type Stores = {
  chats: ChatStore;
  streams: StreamStateStore;
  usage: UsageCounters;
  apiKeys: ApiKeyStore;
  /** Which chat a /v1 client's conversation goes on in. */
  conversations: ConversationIndex;
  /** Releases the storage they share (a connection or client this opened). */
  close(): Promise<void>;
};

/** The stores the configuration asks for; each adapter is loaded only when chosen. */
export async function openStores(env: Env): Promise<Stores> {
  if (env.CHAT_STORE === "dynamodb") {
    if (!env.DYNAMODB_TABLE) throw new Error("DYNAMODB_TABLE is required for the DynamoDB store.");
    const [{ DynamoDBClient }, { openDynamoStores }, { createChatTable }] = await Promise.all([
      import("@aws-sdk/client-dynamodb"),
      import("./dynamodb/open-dynamodb-stores"),
      import("./dynamodb/create-chat-table"),
    ]);
    const client = new DynamoDBClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    // On AWS the table comes from SST; a local DynamoDB-compatible server starts empty.
    if (env.DYNAMODB_ENDPOINT) await createChatTable(client, env.DYNAMODB_TABLE);
    return openDynamoStores({ tableName: env.DYNAMODB_TABLE, client, streamLeaseMs: env.STREAM_LEASE_MS });
  }
  const { openSqliteStores } = await import("./sqlite/open-sqlite-stores").catch((error: unknown) => {
    throw new Error("The SQLite store cannot load here (deployed bundles leave it out): set CHAT_STORE=dynamodb.", { cause: error });
  });
  return openSqliteStores(join(env.PARLEY_DATA_DIR, "parley.sqlite"), { streamLeaseMs: env.STREAM_LEASE_MS });
}
