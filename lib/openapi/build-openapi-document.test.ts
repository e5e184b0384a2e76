import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./build-openapi-document";
import type { OperationSpec } from "./operation";

// How zod schemas become the document: requests as the route takes them, answers as it sends them,
// and what the document could not say truthfully refused at build time.

const info = { title: "Test", version: "1.0.0", description: "A test API." };
const build = (operations: OperationSpec[]) => buildOpenApiDocument({ info, tags: [], operations });

const item = z.object({ name: z.string(), size: z.number().int().default(1) });

const postItem: OperationSpec = {
  method: "post",
  path: "/items/{id}",
  operationId: "postItem",
  tags: [],
  summary: "Post an item",
  security: "session",
  pathParameters: z.object({ id: z.string().meta({ description: "The item's id." }) }),
  query: z.object({ dryRun: z.coerce.boolean().optional() }),
  requestBody: { name: "ItemRequest", schema: item },
  responses: { 200: { description: "Stored.", content: { "application/json": { name: "ItemList", schema: z.object({ items: z.array(item) }) } } } },
};

describe("buildOpenApiDocument", () => {
  it("describes a request as the route takes it and an answer as the route sends it", () => {
    const { components, paths } = build([postItem]);
    // A default makes a field optional in a request, and certain in an answer.
    expect(components.schemas.ItemRequest).toMatchObject({ required: ["name"], properties: { size: { default: 1 } } });
    expect(components.schemas.ItemList).toMatchObject({ properties: { items: { items: { required: ["name", "size"], additionalProperties: false } } } });
    expect(paths["/items/{id}"]?.post).toMatchObject({
      security: [{ sessionCookie: [] }],
      parameters: [
        { name: "id", in: "path", required: true, description: "The item's id.", schema: { type: "string" } },
        { name: "dryRun", in: "query", required: false, schema: { type: "boolean" } },
      ],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ItemRequest" } } } },
    });
  });

  it("refers to a named schema inside another one, and writes no $schema or $id into the document", () => {
    const summary = z.object({ id: z.string() });
    const list = z.object({ items: z.array(summary) });
    const { components } = build([
      { ...postItem, requestBody: undefined, responses: { 200: { description: "A.", content: { "application/json": { name: "Summary", schema: summary } } }, 201: { description: "B.", content: { "application/json": { name: "List", schema: list } } } } },
    ]);
    expect(components.schemas.List).toMatchObject({ properties: { items: { items: { $ref: "#/components/schemas/Summary" } } } });
    expect(JSON.stringify(components.schemas)).not.toMatch(/"\$(schema|id)"/);
  });

  it("refuses what it cannot describe truthfully", () => {
    const unrepresentable = { ...postItem, requestBody: { name: "When", schema: z.object({ at: z.date() }) } };
    expect(() => build([unrepresentable])).toThrow(/Date/);
    expect(() => build([{ ...postItem, path: "/items/{itemId}" }])).toThrow(/names \{itemId\}/);
    expect(() => build([postItem, { ...postItem, operationId: "again" }])).toThrow(/described twice/);
    expect(() => build([postItem, { ...postItem, method: "put", requestBody: { name: "ItemRequest", schema: z.object({ other: z.string() }) } }])).toThrow(/Two different schemas are named ItemRequest/);
  });
});
