import { asSchema, tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toolDefinitions } from "@/tools";
import { defineTool, type ToolDefinitions } from "./tool-definition";

describe("defineTool", () => {
  it("converts the input schema to JSON Schema once, not on every model call", () => {
    const definition = defineTool(tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => city }));
    // What the AI SDK does per call: asSchema(inputSchema).jsonSchema.
    const first = asSchema(definition.tool.inputSchema).jsonSchema;
    expect(asSchema(definition.tool.inputSchema).jsonSchema).toBe(first);
    expect(first).toMatchObject({ type: "object", properties: { city: { type: "string" } } });
  });

  it("keeps validating inputs", async () => {
    const definition = defineTool(tool({ inputSchema: z.object({ city: z.string().min(1) }), execute: async ({ city }) => city }));
    const result = await asSchema(definition.tool.inputSchema).validate?.({ city: "" });
    expect(result?.success).toBe(false);
  });

  it("holds for every tool of the app", () => {
    const definitions: ToolDefinitions = toolDefinitions;
    for (const definition of Object.values(definitions)) {
      expect(asSchema(definition.tool.inputSchema).jsonSchema).toBe(asSchema(definition.tool.inputSchema).jsonSchema);
    }
  });
});
