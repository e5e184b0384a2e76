import { completionRequestSchema } from "@/lib/openai-api/completion-request-schema";
import { z } from "zod";
import { chatCompletionChunkSchema, chatCompletionSchema, modelListSchema, modelSchema, openAiErrorBodySchema } from "@/lib/openai-api/completion-response-schema";
import type { OperationSpec, ResponseSpec } from "@/lib/openapi/operation";

// The OpenAI-compatible API: Chat Completions with Parley's server-side tools, and the models.

function openAiErrors(reasons: Record<number, string>): Record<number, ResponseSpec> {
  const body = { name: "OpenAIError", schema: openAiErrorBodySchema };
  return Object.fromEntries(Object.entries(reasons).map(([status, description]) => [status, { description, content: { "application/json": body } }]));
}

const unauthorized = "No API key, or one that is not valid.";

export const v1Operations: OperationSpec[] = [
  {
    method: "post",
    path: "/v1/chat/completions",
    operationId: "createChatCompletion",
    tags: ["OpenAI-compatible"],
    summary: "Answer a conversation, running Parley's tools on the server",
    description:
      "OpenAI's Chat Completions. Parley's own tools run on the server and their runs are reported in `parley.tool_activity`; functions " +
      "the client offers in `tools` are called as in OpenAI's API, for the client to run. Fields that change nothing here are accepted " +
      "and ignored; fields whose meaning Parley cannot honour are refused.",
    security: "bearer",
    requestBody: { name: "ChatCompletionRequest", schema: completionRequestSchema },
    responses: {
      200: {
        description: "The answer: whole (`stream` false or absent), or streamed (`stream: true`).",
        content: {
          "application/json": { name: "ChatCompletion", schema: chatCompletionSchema },
          "text/event-stream": {
            eventStream:
              "Server-Sent Events, as OpenAI streams them: one `chat.completion.chunk` per event, then `data: [DONE]`; with " +
              "`stream_options.include_usage`, a last chunk with no choices carries the usage.",
            data: { name: "ChatCompletionChunk", schema: chatCompletionChunkSchema },
          },
        },
      },
      ...openAiErrors({
        400: "The request is not valid: its shape, or a field whose meaning Parley cannot honour.",
        401: unauthorized,
        404: "Something the request names does not exist, such as a model that is not configured (`model_not_found`).",
        413: "The request body is too large.",
        415: "The body is not sent as `application/json`.",
        429: "A quota is used up (`Retry-After` says when to try again).",
        502: "Without `stream`: the model failed before the answer was whole (what was written is kept in the chat).",
      }),
    },
  },
  {
    method: "get",
    path: "/v1/models",
    operationId: "listModels",
    tags: ["OpenAI-compatible"],
    summary: "List the models a request may name",
    security: "bearer",
    responses: {
      200: { description: "The configured models.", content: { "application/json": { name: "ModelList", schema: modelListSchema } } },
      ...openAiErrors({ 401: unauthorized }),
    },
  },
  {
    method: "get",
    path: "/v1/models/{id}",
    operationId: "retrieveModel",
    tags: ["OpenAI-compatible"],
    summary: "Read one of the models a request may name",
    security: "bearer",
    pathParameters: z.object({ id: z.string().meta({ description: "A model's id, as `GET /v1/models` lists it." }) }),
    responses: {
      200: { description: "The model.", content: { "application/json": { name: "Model", schema: modelSchema } } },
      ...openAiErrors({ 401: unauthorized, 404: "No configured model has this id." }),
    },
  },
];
