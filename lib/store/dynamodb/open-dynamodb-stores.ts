import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Stores } from "../open-stores";
import { DynamoApiKeyStore } from "./dynamodb-api-key-store";
import { DynamoConversationIndex } from "./dynamodb-conversation-index";
import { DynamoChatStore } from "./dynamodb-chat-store";
import { DynamoStreamStateStore } from "./dynamodb-stream-state-store";
import { DynamoUsageCounters } from "./dynamodb-usage-counters";

export type DynamoStoresOptions = {
  tableName: string;
  /** A client to use (and leave open on `close()`); otherwise one is made from endpoint and region. */
  client?: DynamoDBClient;
  endpoint?: string;
  region?: string;
  /** How long a claim on a chat lasts without renewal (default `DEFAULT_STREAM_LEASE_MS`). */
  streamLeaseMs?: number;
};

/** The stores on one table (its design: README.md here), through one client. */
export function openDynamoStores({ tableName, client, endpoint, region, streamLeaseMs }: DynamoStoresOptions): Stores {
  const dynamo = client ?? new DynamoDBClient({ endpoint, region });
  const table = { tableName, documents: DynamoDBDocumentClient.from(dynamo) };
  return {
    chats: new DynamoChatStore(table),
    streams: new DynamoStreamStateStore(table, { leaseMs: streamLeaseMs }),
    usage: new DynamoUsageCounters(table),
    apiKeys: new DynamoApiKeyStore(table),
    conversations: new DynamoConversationIndex(table),
    close: async () => {
      if (!client) dynamo.destroy();
    },
  };
}
