import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, vi } from "vitest";
import { createChatTable } from "@/lib/store/dynamodb/create-chat-table";
import { openDynamoStores } from "@/lib/store/dynamodb/open-dynamodb-stores";
import { startLocalDynamoDB } from "./local-dynamodb";
import type { StoresHarness } from "./stores-harness";

// dynalite is an in-memory DynamoDB-compatible server that enforces DynamoDB's 400 KB item limit and
// has no transactions; the tests reach it through the real AWS SDK.

const region = "us-east-1";

/**
 * Starts dynalite before the test file's tests and stops it after them. Returns what the tests make
 * on it: clients, fresh tables, and a harness for the store contracts.
 */
export function dynaliteForTests() {
  let server: Awaited<ReturnType<typeof startLocalDynamoDB>>;

  beforeAll(async () => {
    server = await startLocalDynamoDB();
    // Stores the harness opens make their own client, with credentials from the SDK's default chain.
    vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  const newClient = () => new DynamoDBClient({ endpoint: server.endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });

  /** A fresh table, and a way to remove it. */
  async function createTestTable(client: DynamoDBClient) {
    const tableName = `parley-test-${randomUUID()}`;
    await createChatTable(client, tableName);
    return { tableName, deleteTable: () => client.send(new DeleteTableCommand({ TableName: tableName })).then(() => undefined) };
  }

  /** Stores on a fresh table, each opened with a client of its own (closed with them); `reopen` uses the same table. */
  function storesHarness(): StoresHarness {
    const admin = newClient();
    let table: ReturnType<typeof createTestTable> | undefined;
    const open = async () => {
      table ??= createTestTable(admin);
      const { tableName } = await table;
      return openDynamoStores({ tableName, endpoint: server.endpoint, region });
    };
    return {
      open,
      reopen: open,
      dispose: async () => {
        await (await table)?.deleteTable();
        admin.destroy();
      },
    };
  }

  return { newClient, createTestTable, storesHarness };
}
