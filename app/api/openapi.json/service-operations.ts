import { z } from "zod";
import { healthStatusSchema } from "@/lib/health/health-status";
import type { OperationSpec } from "@/lib/openapi/operation";
import { parleyErrorResponses, signedInErrors } from "@/lib/openapi/parley-error-responses";
import { toolListJsonSchema } from "@/lib/tools/tool-list-json";

// The server itself: its health and this document (open to anyone: no user data in them), and the
// tools its answers may call.

export const serviceOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    tags: ["Service"],
    summary: "Check that the server runs",
    description: "No I/O: cheap enough for a warmer to call every few minutes.",
    security: "none",
    responses: { 200: { description: "The server runs.", content: { "application/json": { name: "HealthStatus", schema: healthStatusSchema } } } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    tags: ["Service"],
    summary: "This OpenAPI document",
    security: "none",
    responses: {
      200: {
        description: "The OpenAPI 3.1 document of `/api` and `/v1`, generated from the schemas the routes use.",
        content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } },
      },
    },
  },
  {
    method: "get",
    path: "/api/tools",
    operationId: "listTools",
    tags: ["Service"],
    summary: "List the tools the model may call",
    description:
      "Parley's own tools and those of the configured MCP servers. A server that is down leaves its tools out of answers: they are listed as unavailable, with the reason.",
    security: "session",
    responses: {
      200: { description: "The tools and the MCP servers.", content: { "application/json": { name: "ToolList", schema: toolListJsonSchema } } },
      ...parleyErrorResponses(signedInErrors),
    },
  },
];
