import { z } from "zod";
import { healthStatusSchema } from "@/lib/health/health-status";
import type { OperationSpec } from "@/lib/openapi/operation";

// The server itself: its health, and this document. Neither holds user data: open to anyone.

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
];
