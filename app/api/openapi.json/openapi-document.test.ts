import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { renameChatRequestSchema } from "@/app/api/chats/[id]/schema";
import { postChatRequestSchema } from "@/lib/chat/request-schema";
import { errorBodySchema, ParleyError } from "@/lib/errors";
import { completionRequestSchema } from "@/lib/openai-api/completion-request-schema";
import { chatCompletionChunkSchema } from "@/lib/openai-api/completion-response-schema";
import { openApiDocument } from "./openapi-document";

const document = openApiDocument();

/** Every schema object of the document, where it sits. */
function schemaObjects(): [string, object][] {
  const found: [string, object][] = Object.entries(document.components.schemas).map(([name, schema]) => [`#/components/schemas/${name}`, schema]);
  for (const [path, item] of Object.entries(document.paths)) {
    const visit = (value: unknown, at: string) => {
      if (typeof value !== "object" || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        if (key === "schema" && typeof child === "object" && child !== null) found.push([`${at}/schema`, child]);
        else visit(child, `${at}/${key}`);
      }
    };
    visit(item, path);
  }
  return found;
}

/** A JSON Schema 2020-12 validator that resolves the document's `#/components/schemas/…` references. */
function documentAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false, allErrors: true });
  ajv.addKeyword("components");
  ajv.addSchema({ $id: "openapi", components: document.components });
  return ajv;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("holds schemas that are valid JSON Schema 2020-12, under a strict validator", () => {
    const ajv = documentAjv();
    const schemas = schemaObjects();
    expect(schemas.length).toBeGreaterThan(50);
    for (const [at, schema] of schemas) {
      const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
      expect(() => ajv.compile(resolved), at).not.toThrow();
    }
  });

  it("has one operation id per operation", () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => (operation as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  // The document says what the routes' own schemas say: what one takes or refuses, so does the other.
  it("accepts and refuses what the routes' schemas accept and refuse", () => {
    const ajv = documentAjv();
    const message = { id: "m1", role: "user", parts: [{ type: "text", text: "Hello" }] };
    const cases: [component: string, schema: z.ZodType, value: unknown][] = [
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1", message }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1", messages: [message], trigger: "submit-message" }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1", message, messages: [message] }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1" }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat 1", message }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1", message: { ...message, role: "tool" } }],
      ["PostChatRequest", postChatRequestSchema, { id: "chat-1", message: { ...message, parts: [{ type: "tool-getWeather", toolCallId: "c1", state: "output-available" }] } }],
      ["RenameChatRequest", renameChatRequestSchema, { title: "Trip to Lyon" }],
      ["RenameChatRequest", renameChatRequestSchema, { title: 7 }],
      ["ChatCompletionRequest", completionRequestSchema, { model: "demo", messages: [{ role: "user", content: "Hi" }], stream: true, user: "ignored" }],
      ["ChatCompletionRequest", completionRequestSchema, { model: "demo", messages: [{ role: "user", content: [{ type: "image_url", image_url: "x" }] }] }],
      ["ChatCompletionRequest", completionRequestSchema, { model: "demo", messages: [] }],
      ["ChatCompletionRequest", completionRequestSchema, { model: "demo", messages: [{ role: "user", content: "Hi" }], n: 2 }],
      ["Error", errorBodySchema, new ParleyError("rate_limited", "Later.", { retryAt: Date.UTC(2026, 0, 1) }).toBody()],
      ["Error", errorBodySchema, { error: { code: "teapot", message: "No." } }],
      ["ChatCompletionChunk", chatCompletionChunkSchema, { id: "c", object: "chat.completion.chunk", created: 1, model: "demo", choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] }],
      ["ChatCompletionChunk", chatCompletionChunkSchema, { id: "c", object: "chat.completion.chunk", created: 1, model: "demo", choices: [], parley: { toolActivity: {} } }],
    ];
    for (const [component, schema, value] of cases) {
      const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
      if (!validate) throw new Error(`No component ${component}.`);
      expect(validate(value), `${component} ${JSON.stringify(value)}`).toBe(schema.safeParse(value).success);
    }
  });
});
