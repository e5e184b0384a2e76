import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { chatTableDefinition, chatTableSstArgs, type ChatTableSstArgs } from "./table-design";

// sst.config.ts deploys the chat table from `chatTableSstArgs`; tests and local development create
// it from `chatTableDefinition`. This turns the SST arguments into a table the way SST 4's
// `sst.aws.Dynamo` does (platform/src/components/aws/dynamo.ts: string/number/binary → S/N/B,
// PAY_PER_REQUEST, an array projection → INCLUDE) and checks both describe the same table.

const attributeType = { string: "S", number: "N", binary: "B" } as const;

function tableFromSstArgs(tableName: string, args: ChatTableSstArgs): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(args.fields).map(([name, type]) => ({ AttributeName: name, AttributeType: attributeType[type] })),
    KeySchema: [
      { AttributeName: args.primaryIndex.hashKey, KeyType: "HASH" },
      { AttributeName: args.primaryIndex.rangeKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(args.globalIndexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.hashKey, KeyType: "HASH" },
        { AttributeName: index.rangeKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: index.projection },
    })),
  };
}

const byName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[] | undefined) =>
  [...(items ?? [])].sort((a, b) => (a.AttributeName ?? a.IndexName ?? "").localeCompare(b.AttributeName ?? b.IndexName ?? ""));

describe("the deployed chat table", () => {
  it("is the table the DynamoDB adapter is tested against", () => {
    const deployed = tableFromSstArgs("parley-chats", chatTableSstArgs);
    const tested = chatTableDefinition("parley-chats");
    expect(byName(deployed.AttributeDefinitions)).toEqual(byName(tested.AttributeDefinitions));
    expect(deployed.KeySchema).toEqual(tested.KeySchema);
    expect(deployed.BillingMode).toBe(tested.BillingMode);
    expect(byName(deployed.GlobalSecondaryIndexes)).toEqual(byName(tested.GlobalSecondaryIndexes));
  });
});
