import { isToolUIPart, safeValidateUIMessages, TypeValidationError } from "ai";
import { ParleyError } from "@/lib/errors";
import { describeIssue } from "@/lib/http/describe-issue";
import { readJsonBody } from "@/lib/http/read-json-body";
import type { ChatMessage } from "@/lib/message/chat-message";
import { messageMetadataSchema } from "@/lib/message/message-metadata";
import { toolRunSchema } from "@/lib/message/tool-run";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { toolSchemasOf } from "@/lib/tools/tool-runtime";
import type { ApprovalReply } from "./approval-reply";
import { MAX_BODY_BYTES } from "./request-limits";
import { postChatRequestSchema } from "./request-schema";

// What incoming messages are checked against: the tools' schemas, made once per tool set.
const validationToolsBySet = new WeakMap<ToolDefinitions, ReturnType<typeof toolSchemasOf>>();
function validationToolsOf(tools: ToolDefinitions) {
  let schemas = validationToolsBySet.get(tools);
  if (!schemas) validationToolsBySet.set(tools, (schemas = toolSchemasOf(tools)));
  return schemas;
}

export type ChatRequest = {
  chatId: string;
  /** The user's message to answer: new, or stored already and answered again (a new version of its answer). */
  userMessage: ChatMessage & { role: "user" };
  trigger: "submit-message" | "regenerate-message";
  messageId?: string;
  /** Where a new message goes in the chat's tree (see `postChatRequestSchema`); undefined: after the active path. */
  parentId?: string | null;
  /** The model asked for, not yet checked against the configured ones (`modelFor` does). */
  modelId?: string;
  /**
   * A new chat that starts with a conversation held by the client (the /v1 API): these messages
   * are stored first, in order, and the user's message follows the last of them.
   */
  priorMessages?: ChatMessage[];
  /**
   * The answer to the user's message so far, with the results of the client's own function calls
   * (the /v1 API): stored after the user's message, and the new answer goes on from it (same id).
   */
  continuedAnswer?: ChatMessage & { role: "assistant" };
  /** The user's decisions the continued answer was made from: checked again once the chat is claimed. */
  approvalReply?: ApprovalReply;
};

/**
 * Reads and validates a POST /api/chat body, its messages against `tools`; every failure is a 4xx
 * `ParleyError`, never a 500. A body whose last message is an answer is the user's approval or
 * denial of its waiting calls (an `ApprovalReply`, checked against the store: approval-reply.ts).
 */
export async function parseChatRequest(request: Request, tools: ToolDefinitions): Promise<ChatRequest | ApprovalReply> {
  const json = await readJsonBody(request, MAX_BODY_BYTES);

  const parsed = postChatRequestSchema.safeParse(json);
  if (!parsed.success) throw new ParleyError("invalid_request", describeIssue(parsed.error));
  const body = parsed.data;

  // Whatever a client sends is checked against the tools, even the history that is not used.
  const sent = body.messages ?? (body.message ? [body.message] : []);
  const validated = await safeValidateUIMessages<ChatMessage>({
    messages: sent,
    tools: validationToolsOf(tools),
    dataSchemas: { toolRun: toolRunSchema },
    metadataSchema: messageMetadataSchema.optional(),
  });
  if (!validated.success) throw new ParleyError("invalid_request", describeValidationError(validated.error));

  const userMessage = validated.data.at(-1);
  const decidesApprovals = userMessage?.parts.some((part) => isToolUIPart(part) && part.state === "approval-responded");
  if (userMessage?.role === "assistant" && body.trigger === "submit-message" && decidesApprovals) {
    return { chatId: body.id, answer: { ...userMessage, role: "assistant" }, ...(body.model !== undefined && { modelId: body.model }) };
  }
  if (userMessage?.role !== "user") throw new ParleyError("invalid_request", "The last message must be the user's.");
  const isText = userMessage.parts.every((part) => part.type === "text");
  const hasText = userMessage.parts.some((part) => part.type === "text" && part.text.trim() !== "");
  if (!isText || !hasText) throw new ParleyError("invalid_request", "The new message must be text, and not empty.");

  // Without a parent named, the message continues the chat (after its active branch's last), also
  // for a client that sends the conversation: a view that is behind must not start a branch.
  const parentId = body.parentId;
  return {
    chatId: body.id,
    userMessage: { ...userMessage, role: "user" },
    trigger: body.trigger,
    messageId: body.messageId,
    ...(parentId !== undefined && { parentId }),
    modelId: body.model,
  };
}

/** Names the offending field, but never echoes the (untrusted, possibly huge) value back. */
function describeValidationError(error: Error): string {
  if (TypeValidationError.isInstance(error) && error.context?.field) {
    return `The message history is not valid at ${error.context.field}.`;
  }
  return "The message history is not valid.";
}
