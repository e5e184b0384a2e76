import { describe, expect, it } from "vitest";
import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { openDynamoStores } from "./open-dynamodb-stores";

const { newClient, createTestTable } = dynaliteForTests();

describe("openDynamoStores", () => {
  it("leaves a client it was given open", async () => {
    const client = newClient();
    const { tableName, deleteTable } = await createTestTable(client);
    try {
      const stores = openDynamoStores({ tableName, client });
      await stores.chats.ensureChat("alice", { id: "c1", title: "t", now: 1_000 });
      await openDynamoStores({ tableName, client }).close();
      expect(await stores.chats.getChatSummary("alice", "c1")).toMatchObject({ id: "c1" });
    } finally {
      await deleteTable();
      client.destroy();
    }
  });
});
