import { z } from "zod";
import { apiKeyListJsonSchema, createdApiKeyJsonSchema } from "@/lib/api-keys/api-key-json";
import { createApiKeyBodySchema } from "@/lib/api-keys/create-api-key";
import type { OperationSpec } from "@/lib/openapi/operation";
import { jsonBodyErrors, parleyErrorResponses, sameOriginErrors, signedInErrors } from "@/lib/openapi/parley-error-responses";

// The user's personal API keys, for the /v1 API: managed with the session, never with a key.

const keyPathSchema = z.object({ id: z.string().meta({ description: "The key's id. An unknown key, or another user's, is a 404." }) });

export const keysOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/keys",
    operationId: "listApiKeys",
    tags: ["API keys"],
    summary: "List the user's API keys",
    description: "Newest first; never a secret.",
    security: "session",
    responses: {
      200: { description: "The keys.", content: { "application/json": { name: "ApiKeyList", schema: apiKeyListJsonSchema } } },
      ...parleyErrorResponses(signedInErrors),
    },
  },
  {
    method: "post",
    path: "/api/keys",
    operationId: "createApiKey",
    tags: ["API keys"],
    summary: "Create an API key",
    description: "The answer holds the secret: the only time it is sent. Parley keeps only its hash.",
    security: "session",
    requestBody: { name: "CreateApiKeyRequest", schema: createApiKeyBodySchema },
    responses: {
      201: { description: "The new key and its secret.", content: { "application/json": { name: "CreatedApiKey", schema: createdApiKeyJsonSchema } } },
      ...parleyErrorResponses({
        ...signedInErrors,
        ...sameOriginErrors,
        ...jsonBodyErrors,
        invalid_request: "No name, a blank one, or one too long.",
        too_many_api_keys: "The user has as many keys as one may have: revoke one first.",
      }),
    },
  },
  {
    method: "delete",
    path: "/api/keys/{id}",
    operationId: "revokeApiKey",
    tags: ["API keys"],
    summary: "Revoke an API key",
    description: "It stops working at once.",
    security: "session",
    pathParameters: keyPathSchema,
    responses: {
      204: { description: "Revoked." },
      ...parleyErrorResponses({ ...signedInErrors, ...sameOriginErrors, not_found: "There is no such key." }),
    },
  },
];
