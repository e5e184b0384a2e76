import { z } from "zod";
import { chatJsonSchema, chatListJsonSchema, chatSummaryJsonSchema } from "@/lib/chat/chat-json";
import { chatSearchJsonSchema } from "@/lib/chat/chat-search-json";
import { feedbackInputSchema } from "@/lib/message/answer-feedback";
import type { NamedSchema, OperationSpec } from "@/lib/openapi/operation";
import { jsonBodyErrors, parleyErrorResponses, sameOriginErrors, signedInErrors } from "@/lib/openapi/parley-error-responses";
import { switchBranchRequestSchema } from "@/app/api/chats/[id]/branch/schema";
import { exportChatQuerySchema } from "@/app/api/chats/[id]/export/schema";
import { feedbackResponseSchema } from "@/app/api/chats/[id]/messages/[messageId]/feedback/schema";
import { renameChatRequestSchema } from "@/app/api/chats/[id]/schema";
import { listChatsQuerySchema } from "@/app/api/chats/schema";
import { searchChatsQuerySchema } from "@/app/api/chats/search/schema";
import { chatPathSchema, messagePathSchema } from "./path-parameters";

// The stored conversations: list, search, read, rename, delete, branches, export, ratings.

const chat: NamedSchema = { name: "Chat", schema: chatJsonSchema };
const chatSummary: NamedSchema = { name: "ChatSummary", schema: chatSummaryJsonSchema };
const noChat = { not_found: "There is no such chat." };
const answerInProgress = { answer_in_progress: "The answer is still being written: wait for it, or stop it." };

export const chatsOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/chats",
    operationId: "listChats",
    tags: ["Chats"],
    summary: "List the user's chats",
    description: "Most recently updated first, a page at a time.",
    security: "session",
    query: listChatsQuerySchema,
    responses: {
      200: { description: "A page of chats.", content: { "application/json": { name: "ChatList", schema: chatListJsonSchema } } },
      ...parleyErrorResponses({ ...signedInErrors, invalid_request: "A `limit` out of range, or a cursor that is not one of this list's." }),
    },
  },
  {
    method: "get",
    path: "/api/chats/search",
    operationId: "searchChats",
    tags: ["Chats"],
    summary: "Find chats by the words of their title or messages",
    description: "Every word of `q` (case and accents aside), most recently updated first, one hit per chat.",
    security: "session",
    query: searchChatsQuerySchema,
    responses: {
      200: { description: "The chats found.", content: { "application/json": { name: "ChatSearch", schema: chatSearchJsonSchema } } },
      ...parleyErrorResponses({ ...signedInErrors, invalid_request: "An empty `q`, one too long, or a `limit` out of range." }),
    },
  },
  {
    method: "get",
    path: "/api/chats/{id}",
    operationId: "getChat",
    tags: ["Chats"],
    summary: "Read a chat with its messages",
    security: "session",
    pathParameters: chatPathSchema,
    responses: {
      200: { description: "The chat.", content: { "application/json": chat } },
      ...parleyErrorResponses({ ...signedInErrors, ...noChat }),
    },
  },
  {
    method: "patch",
    path: "/api/chats/{id}",
    operationId: "renameChat",
    tags: ["Chats"],
    summary: "Rename a chat",
    security: "session",
    pathParameters: chatPathSchema,
    requestBody: { name: "RenameChatRequest", schema: renameChatRequestSchema },
    responses: {
      200: { description: "The renamed chat.", content: { "application/json": chatSummary } },
      ...parleyErrorResponses({ ...signedInErrors, ...sameOriginErrors, ...jsonBodyErrors, invalid_request: "No title, a blank one, or one too long.", ...noChat }),
    },
  },
  {
    method: "delete",
    path: "/api/chats/{id}",
    operationId: "deleteChat",
    tags: ["Chats"],
    summary: "Delete a chat and its messages",
    security: "session",
    pathParameters: chatPathSchema,
    responses: {
      204: { description: "Deleted." },
      ...parleyErrorResponses({ ...signedInErrors, ...sameOriginErrors, ...noChat }),
    },
  },
  {
    method: "put",
    path: "/api/chats/{id}/branch",
    operationId: "switchChatBranch",
    tags: ["Chats"],
    summary: "Show the branch through a message",
    description: "The chat then reads, for every view and the model, down that message's newest replies.",
    security: "session",
    pathParameters: chatPathSchema,
    requestBody: { name: "SwitchBranchRequest", schema: switchBranchRequestSchema },
    responses: {
      200: { description: "The chat as it now reads.", content: { "application/json": chat } },
      ...parleyErrorResponses({
        ...signedInErrors,
        ...sameOriginErrors,
        ...jsonBodyErrors,
        invalid_request: "No `messageId`.",
        not_found: "There is no such chat, or the chat has no such message.",
        answer_in_progress: "An answer is being written in the chat: switch once it ends, or stop it.",
      }),
    },
  },
  {
    method: "get",
    path: "/api/chats/{id}/export",
    operationId: "exportChat",
    tags: ["Chats"],
    summary: "Download a chat as a file",
    security: "session",
    pathParameters: chatPathSchema,
    query: exportChatQuerySchema,
    responses: {
      200: {
        description: "The chat: Markdown to read, or JSON in the shape of `GET /api/chats/{id}`.",
        headers: { "Content-Disposition": { description: "`attachment`, with a file name made of the chat's title.", schema: z.string() } },
        content: { "text/markdown": { schema: z.string() }, "application/json": chat },
      },
      ...parleyErrorResponses({ ...signedInErrors, invalid_request: "A `format` other than `markdown` or `json`.", ...noChat }),
    },
  },
  {
    method: "put",
    path: "/api/chats/{id}/messages/{messageId}/feedback",
    operationId: "rateAnswer",
    tags: ["Chats"],
    summary: "Rate an answer",
    description: "Replaces any rating before; stored as the answer's `metadata.feedback`. The chat keeps its place in the list.",
    security: "session",
    pathParameters: messagePathSchema,
    requestBody: {
      name: "FeedbackRequest",
      schema: feedbackInputSchema,
      description: "The note is trimmed; a blank note is no note.",
    },
    responses: {
      200: { description: "The rating as stored.", content: { "application/json": { name: "FeedbackResponse", schema: feedbackResponseSchema } } },
      ...parleyErrorResponses({
        ...signedInErrors,
        ...sameOriginErrors,
        ...jsonBodyErrors,
        invalid_request: "A bad body, or the message is the user's (only answers are rated).",
        not_found: "There is no such chat, or the chat has no such message.",
        ...answerInProgress,
      }),
    },
  },
  {
    method: "delete",
    path: "/api/chats/{id}/messages/{messageId}/feedback",
    operationId: "unrateAnswer",
    tags: ["Chats"],
    summary: "Take an answer's rating back",
    security: "session",
    pathParameters: messagePathSchema,
    responses: {
      204: { description: "Taken back (also when there was none)." },
      ...parleyErrorResponses({
        ...signedInErrors,
        ...sameOriginErrors,
        invalid_request: "The message is the user's (only answers are rated).",
        not_found: "There is no such chat, or the chat has no such message.",
        ...answerInProgress,
      }),
    },
  },
];
