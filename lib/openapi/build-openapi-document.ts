import { z } from "zod";
import type { BodySpec, NamedSchema, OperationSpec, ResponseSpec } from "./operation";
import { securityRequirement, securitySchemes } from "./security-schemes";

// The OpenAPI 3.1 document, generated from the zod schemas the routes use (zod's own
// `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 takes it). A request is described by what
// the route accepts (`io: "input"`: before defaults and transforms), an answer by what it sends.

type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: typeof securitySchemes };
};

export type DocumentSpec = Pick<OpenApiDocument, "info" | "tags"> & { operations: OperationSpec[] };

const COMPONENT_PREFIX = "#/components/schemas/";

/**
 * What a schema cannot say in JSON Schema fails the build rather than become `{}`, which would claim
 * the route takes anything. Shared subschemas are repeated, not made `$defs`: a `$ref` inside a
 * schema object resolves against the whole document, where those `$defs` are not. Refinements
 * (`.refine`) have no JSON Schema form and are left out: give theirs with `.meta()` (as for
 * POST /api/chat), or say them in a description.
 */
const conversion = { target: "draft-2020-12", unrepresentable: "throw", cycles: "throw", reused: "inline" } as const;

export function buildOpenApiDocument({ info, tags, operations }: DocumentSpec): OpenApiDocument {
  const components = collectComponents(operations);
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    const pathItem = (paths[operation.path] ??= {});
    if (pathItem[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is described twice.`);
    pathItem[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.1",
    info,
    tags,
    paths,
    components: { schemas: { ...componentSchemas(components, "input"), ...componentSchemas(components, "output") }, securitySchemes },
  };
}

type Component = NamedSchema & { io: Io };

/** Every named schema, once: request bodies as input, answers as output. */
function collectComponents(operations: OperationSpec[]): Map<string, Component> {
  const components = new Map<string, Component>();
  const add = ({ name, schema }: NamedSchema, io: Io) => {
    const known = components.get(name);
    if (known && (known.schema !== schema || known.io !== io)) throw new Error(`Two different schemas are named ${name}.`);
    const other = [...components.values()].find((component) => component.schema === schema && component.name !== name);
    if (other) throw new Error(`One schema is named both ${other.name} and ${name}.`);
    components.set(name, { name, schema, io });
  };
  for (const operation of operations) {
    if (operation.requestBody) add(operation.requestBody, "input");
    for (const response of Object.values(operation.responses)) {
      for (const body of Object.values(response.content ?? {})) {
        if ("name" in body) add(body, "output");
        else if ("eventStream" in body && body.data) add(body.data, "output");
      }
    }
  }
  return components;
}

/** Converted together, so that one named schema inside another is a `$ref` to it. */
function componentSchemas(components: Map<string, Component>, io: Io): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const component of components.values()) if (component.io === io) registry.add(component.schema, { id: component.name });
  const { schemas } = z.toJSONSchema(registry, { ...conversion, io, uri: (id) => `${COMPONENT_PREFIX}${id}` });
  if ("__shared" in schemas) throw new Error("A schema needed shared definitions; the document cannot hold them.");
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, withoutDialect(schema)]));
}

function inlineSchema(schema: z.ZodType, io: Io): JsonSchema {
  const json = withoutDialect(z.toJSONSchema(schema, { ...conversion, io }));
  if ("$defs" in json) throw new Error("An inline schema needed definitions; name it as a component instead.");
  return json;
}

/**
 * OpenAPI 3.1's schemas are JSON Schema 2020-12 already, so a `$schema` would only repeat it; the
 * `$id` zod gives a registered schema (its `uri`, a fragment) is no valid `$id`, and the `$ref`s
 * resolve against the document without it.
 */
function withoutDialect(schema: object): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `${COMPONENT_PREFIX}${name}` });

function operationObject(operation: OperationSpec): Record<string, unknown> {
  const parameters = [...pathParameters(operation), ...queryParameters(operation)];
  const { requestBody } = operation;
  return {
    operationId: operation.operationId,
    tags: operation.tags,
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    security: securityRequirement(operation.security),
    ...(parameters.length > 0 && { parameters }),
    ...(requestBody && {
      requestBody: {
        required: true,
        ...(requestBody.description && { description: requestBody.description }),
        content: { "application/json": { schema: ref(requestBody.name) } },
      },
    }),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, responseObject(response)])),
  };
}

function pathParameters({ path, pathParameters: schema }: OperationSpec) {
  const named = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
  const described = Object.keys(schema?.shape ?? {}).sort();
  if (named.join() !== described.join()) throw new Error(`${path} names {${named.join("}, {")}} but describes ${described.join(", ") || "none"}.`);
  return parameterObjects("path", schema);
}

const queryParameters = ({ query }: OperationSpec) => parameterObjects("query", query);

/** One parameter per property of the object schema, its description lifted onto the parameter. */
function parameterObjects(location: "path" | "query", schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const json = inlineSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    ...(typeof description === "string" && { description }),
    schema: property,
  }));
}

function responseObject({ description, headers, content }: ResponseSpec) {
  return {
    description,
    ...(headers && {
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, header]) => [name, { description: header.description, schema: inlineSchema(header.schema, "output") }]),
      ),
    }),
    ...(content && { content: Object.fromEntries(Object.entries(content).map(([mediaType, body]) => [mediaType, mediaTypeObject(body)])) }),
  };
}

function mediaTypeObject(body: BodySpec) {
  if ("name" in body) return { schema: ref(body.name) };
  if ("eventStream" in body) {
    const data = body.data ? ` Each event's \`data\` is a JSON \`${body.data.name}\` (${COMPONENT_PREFIX}${body.data.name}).` : "";
    return { schema: { type: "string", description: `${body.eventStream}${data}` } };
  }
  return { schema: inlineSchema(body.schema, "output") };
}
