import { z } from "zod";
import { postChatRequestSchema } from "@/lib/chat/request-schema";
import { STREAM_ID_HEADER, STREAM_ID_PARAM, streamIdSchema } from "@/lib/chat/stream-id";
import type { OperationSpec } from "@/lib/openapi/operation";
import { jsonBodyErrors, parleyErrorResponses, sameOriginErrors, signedInErrors } from "@/lib/openapi/parley-error-responses";
import { stopChatResponseSchema } from "@/app/api/chat/[id]/stop/schema";
import { chatPathSchema } from "./path-parameters";

// Answers: POST /api/chat and what follows an answer while it is written.

const uiMessageStream =
  "The AI SDK's UI message stream (Server-Sent Events): each `data:` holds one JSON chunk (`start`, `text-delta`, `reasoning-delta`, " +
  "`tool-input-available`, `tool-output-available`, `data-toolRun`, `finish`, `error`, …), the last one `data: [DONE]`; " +
  "`: keep-alive` comments while the answer is quiet.";

const streamIdHeader = {
  [STREAM_ID_HEADER]: {
    description: `The id of this stream: \`GET /api/chat/{id}/stream?${STREAM_ID_PARAM}=<id>\` reads it again after a cut connection.`,
    schema: streamIdSchema,
  },
};

/** The body's one refinement, `message` or `messages` but not both, in the JSON Schema zod cannot make of it. */
const postChatRequest = postChatRequestSchema.meta({ oneOf: [{ required: ["message"] }, { required: ["messages"] }] });

export const chatOperations: OperationSpec[] = [
  {
    method: "post",
    path: "/api/chat",
    operationId: "postChatMessage",
    tags: ["Answers"],
    summary: "Send a message and stream the answer",
    description:
      "Stores the user's message, then streams the model's answer, its tool calls included; the answer is stored when it ends, is stopped, " +
      "or fails, also when the client has gone. Send either `message` (the new message, as Parley's client does) or `messages` (the " +
      "conversation, as the AI SDK's default transport does: only its last message, the new one, is used), not both. Every message is " +
      "then checked against the AI SDK's message schema and the tools.",
    security: "session",
    requestBody: { name: "PostChatRequest", schema: postChatRequest },
    responses: {
      200: { description: "The answer as it is written.", headers: streamIdHeader, content: { "text/event-stream": { eventStream: uiMessageStream } } },
      ...parleyErrorResponses({
        ...signedInErrors,
        ...sameOriginErrors,
        ...jsonBodyErrors,
        invalid_request:
          "The body is not a chat request: a wrong shape, an unknown role or part, too many messages, a text too long, a new message that is " +
          "not text, tool parts that do not match the tools, a `parentId` the chat does not have, or a model that is not configured.",
        not_found: "The chat id is another user's chat.",
        answer_in_progress: "An answer is being written in the chat: one at a time.",
        already_answered: "The message was sent before and its answer is stored (`regenerate-message` asks for another).",
        rate_limited: "A quota is used up (messages a minute, tokens a day): `retryAt` and `Retry-After` say when to continue.",
      }),
    },
  },
  {
    method: "get",
    path: "/api/chat/{id}/stream",
    operationId: "resumeChatStream",
    tags: ["Answers"],
    summary: "Read the answer being written",
    description:
      "The AI SDK's resume: the answer being written in the chat, from its start, then live, ending as the original does. " +
      `With \`${STREAM_ID_PARAM}\`, that stream again, also for a while after it ended.`,
    security: "session",
    pathParameters: chatPathSchema,
    query: z.object({
      [STREAM_ID_PARAM]: streamIdSchema.optional().meta({ description: `The \`${STREAM_ID_HEADER}\` header of the answer's response.` }),
    }),
    responses: {
      200: { description: "The answer, from its start.", headers: streamIdHeader, content: { "text/event-stream": { eventStream: uiMessageStream } } },
      204: { description: "Nothing is being written (a stored answer is read with `GET /api/chats/{id}`), or the stream named is gone." },
      ...parleyErrorResponses({ ...signedInErrors, invalid_request: "The stream id is malformed.", not_found: "There is no such chat." }),
    },
  },
  {
    method: "post",
    path: "/api/chat/{id}/stop",
    operationId: "stopChatAnswer",
    tags: ["Answers"],
    summary: "Stop the answer being written",
    description: "Stops whatever answer runs in the chat, on any server instance; what was written is stored.",
    security: "session",
    pathParameters: chatPathSchema,
    responses: {
      202: { description: "Stopping, or nothing was running.", content: { "application/json": { name: "StopChatResponse", schema: stopChatResponseSchema } } },
      ...parleyErrorResponses({ ...signedInErrors, ...sameOriginErrors, not_found: "There is no such chat." }),
    },
  },
];
