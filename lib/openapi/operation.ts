import type { z } from "zod";

// An API operation as the OpenAPI document is built from it: the zod schemas the route parses its
// input with and writes its answers by, and what the schemas cannot say (summary, statuses, headers).

/** A schema shown once under `components/schemas/<name>` and referenced wherever it is used. */
export type NamedSchema = { name: string; schema: z.ZodType };

/**
 * A body: a named schema, an inline one, or Server-Sent Events (described in words; `data`, when
 * given, is the schema of each event's JSON `data`).
 */
export type BodySpec = NamedSchema | { schema: z.ZodType } | { eventStream: string; data?: NamedSchema };

type HeaderSpec = { description: string; schema: z.ZodType };

export type ResponseSpec = {
  description: string;
  headers?: Record<string, HeaderSpec>;
  /** Bodies by media type. */
  content?: Record<string, BodySpec>;
};

/** `session`: the sign-in cookie of the web app; `bearer`: a personal API key; `none`: open to anyone. */
export type Security = "session" | "bearer" | "none";

export type OperationSpec = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** With `{name}` for each path parameter. */
  path: `/${string}`;
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Security;
  /** One key per `{name}` of the path. */
  pathParameters?: z.ZodObject;
  query?: z.ZodObject;
  /** An `application/json` body. */
  requestBody?: NamedSchema & { description?: string };
  /** By HTTP status. */
  responses: Record<number, ResponseSpec>;
};
