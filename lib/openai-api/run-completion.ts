import { createIdGenerator, getToolName, isToolUIPart, type UIMessageChunk } from "ai";
import { createChatModel, type ChatModel } from "@/lib/ai/chat-model";
import { MAX_BODY_BYTES } from "@/lib/chat/request-limits";
import type { ChatRequest } from "@/lib/chat/parse-chat-request";
import { runChatTurn, type RunChatTurnOptions } from "@/lib/chat/run-chat-turn";
import { streamChat } from "@/lib/chat/stream-chat";
import { takeAnswerAllowance } from "@/lib/chat/take-answer-allowance";
import type { Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { describeIssue } from "@/lib/http/describe-issue";
import { readJsonBody } from "@/lib/http/read-json-body";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ChatTelemetry } from "@/lib/observability/chat-telemetry";
import type { QuotaLimits } from "@/lib/quota/quota";
import type { Stores } from "@/lib/store/open-stores";
import type { ToolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { toClientTools, toToolChoice } from "./client-tools";
import { CompletionChunkEncoder } from "./completion-chunks";
import { completionRequestSchema, type CompletionRequest } from "./completion-request-schema";
import { toChatMessages, type SentConversation } from "./to-chat-messages";
import { findContinuedConversation, type ContinuedConversation } from "./continued-conversation";
import { conversationKey } from "./conversation-key";

const generateCompletionId = createIdGenerator({ prefix: "chatcmpl", size: 24 });
const generateChatId = createIdGenerator({ prefix: "api", size: 16 });

/** The response header naming the chat a conversation is stored in. */
export const CHAT_ID_HEADER = "x-parley-chat-id";

export type RunCompletionOptions = {
  request: Request;
  userId: string;
  stores: Omit<Stores, "close">;
  env: Env;
  tools: ToolDefinitions;
  quotas: QuotaLimits;
  telemetry: ChatTelemetry;
  /**
   * The server's tool approval settings: a call that needs approval waits in the stored answer for
   * the client's decision in its next request; with `store: false` nothing can wait, and it is denied.
   */
  approval?: ToolApprovalSettings;
  now?: () => number;
};

/** A call of a conversation that is not kept cannot wait for a decision: it is refused, never run unasked. */
const APPROVAL_UNAVAILABLE = "This tool needs the user's approval, which a conversation that is not kept (store: false) cannot wait for.";

export type Completion = {
  response: Response;
  /** Settles once the answer is saved, or when it ended unsaved (`store: false`). */
  done: Promise<void>;
};

/**
 * One `POST /v1/chat/completions`: OpenAI's request in, OpenAI's answer out (a stream of chunks, or
 * one completion), with Parley's turn in between — its tools run in the loop under the same
 * runtime, quotas and telemetry as the browser's, and the conversation is stored as one of the
 * user's chats unless the request says `store: false`.
 */
export async function runCompletion(options: RunCompletionOptions): Promise<Completion> {
  const { request, env, tools, now = Date.now } = options;
  const body = await readCompletionRequest(request);
  const modelConfig = env.models.find((model) => model.id === body.model);
  if (!modelConfig) throw new ParleyError("not_found", `The model "${body.model}" does not exist here: GET /v1/models lists the models you can use.`);
  const chatModel = createChatModel(modelConfig, env);

  const approvals = body.parley?.approvals;
  if (approvals && body.store === false) throw new ParleyError("invalid_request", "`parley.approvals` decide on calls of a kept conversation: they cannot be sent with `store: false`.");
  const conversation = toChatMessages(body.messages, { decides: approvals !== undefined });
  const clientTools = toClientTools(body.tools, tools);
  const toolChoice = toToolChoice(body.tool_choice, new Set([...Object.keys(tools), ...Object.keys(clientTools)]));
  const stream = body.stream === true;
  const store = body.store !== false;
  const continued = store ? await findContinuedConversation(options.stores, options.userId, body.messages, approvals, now()) : undefined;
  const chatId = store ? (continued?.chatId ?? generateChatId()) : undefined;
  const encoder = new CompletionChunkEncoder({
    id: generateCompletionId(),
    model: modelConfig.id,
    created: Math.floor(now() / 1000),
    clientToolNames: new Set(Object.keys(clientTools)),
    includeUsage: stream && body.stream_options?.include_usage === true,
    chatId,
    earlierCalls: continued?.input === "answered-calls" ? toolCallsOf(continued.answer) : [],
  });
  const streamOptions = {
    clientTools,
    toolChoice,
    callSettings: {
      temperature: body.temperature ?? undefined,
      topP: body.top_p ?? undefined,
      stopSequences: body.stop === undefined || body.stop === null ? undefined : [body.stop].flat(),
      maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    },
    present: (chunk: UIMessageChunk) => encoder.encode(chunk),
  };

  const turn = chatId
    ? await runChatTurn({
        ...options,
        chatModel,
        streamOptions,
        request: turnRequest(chatId, conversation, continued),
        // Before the client hears the end: its next request, the conversation with this answer, goes on in this chat.
        beforeRelease: () => rememberConversation(options, body, encoder, chatId),
      })
    : await unstoredTurn({
        ...options,
        approval: options.approval && { ...options.approval, denyReason: APPROVAL_UNAVAILABLE },
        chatModel,
        messages: conversation.messages,
        streamOptions,
        now,
      });

  const headers: Record<string, string> = chatId === undefined ? {} : { [CHAT_ID_HEADER]: chatId };
  for (const [name, value] of Object.entries(headers)) turn.response.headers.set(name, value);
  if (stream) return turn;
  // The whole answer, once the stream has ended (and the answer is stored).
  await turn.response.text();
  const completion = encoder.completion();
  return { response: Response.json(completion, { headers }), done: turn.done };
}

async function readCompletionRequest(request: Request): Promise<CompletionRequest> {
  const json = await readJsonBody(request, MAX_BODY_BYTES);
  const parsed = completionRequestSchema.safeParse(json);
  if (!parsed.success) throw new ParleyError("invalid_request", describeIssue(parsed.error));
  return parsed.data;
}

type TurnOptions = RunCompletionOptions & {
  chatModel: ChatModel;
  messages: ChatMessage[];
  streamOptions: NonNullable<RunChatTurnOptions["streamOptions"]>;
};

/**
 * The chat turn a stored conversation makes: going on in its chat after the answer it continues
 * (or in that answer, with the results and decisions it waited for), or starting a chat of its own
 * with the conversation the client sent.
 */
function turnRequest(chatId: string, { messages, ending }: SentConversation, continued: ContinuedConversation | undefined): ChatRequest {
  const trigger = "submit-message";
  if (continued?.input === "answered-calls") {
    const { question: userMessage, answer, decided } = continued;
    // Decisions are checked again once the chat is claimed: another view may have decided first.
    return { chatId, trigger, userMessage, continuedAnswer: answer, ...(decided && { approvalReply: { chatId, answer } }) };
  }
  const last = messages.at(-1);
  if (continued?.input === "user-message" && last?.role === "user") return { chatId, trigger, userMessage: { ...last, role: "user" }, parentId: continued.answerId };
  // With the client's results, the answer goes on from the assistant message that asked for them.
  const continuedAnswer = ending === "tool-results" && last?.role === "assistant" ? { ...last, role: "assistant" as const } : undefined;
  const rest = continuedAnswer ? messages.slice(0, -1) : messages;
  const userMessage = rest.at(-1);
  if (userMessage?.role !== "user") throw new ParleyError("invalid_request", "The function calls being answered must follow a user message.");
  return { chatId, trigger, userMessage: { ...userMessage, role: "user" }, priorMessages: rest.slice(0, -1), ...(continuedAnswer && { continuedAnswer }) };
}

/** The tool calls of an answer that goes on: what happens to them next is reported by name, with their input. */
function toolCallsOf(answer: ChatMessage): { id: string; name: string; input: unknown }[] {
  return answer.parts.flatMap((part) => (isToolUIPart(part) ? [{ id: part.toolCallId, name: getToolName(part), input: part.input }] : []));
}

/** Remembers where the conversation, with its answer, goes on; when that fails, the next request starts a new chat. */
async function rememberConversation({ stores, userId }: RunCompletionOptions, body: CompletionRequest, encoder: CompletionChunkEncoder, chatId: string) {
  const { messageId, message } = encoder.answer;
  if (messageId === undefined) return;
  await stores.conversations.remember(userId, conversationKey([...body.messages, message]), { chatId, messageId });
}

/** `store: false`: the answer streams as it would, and nothing of it is kept; a client that goes away stops it. */
async function unstoredTurn(options: TurnOptions & { now: () => number }): Promise<Completion> {
  const { stores, userId, quotas, env, tools, chatModel, messages, streamOptions, telemetry, request, approval, now } = options;
  const tokens = await takeAnswerAllowance(stores.usage, userId, quotas, { messages, tools, chatModel, env, now });
  const { promise: done, resolve: settle } = Promise.withResolvers<void>();
  const response = streamChat({
    ...streamOptions,
    messages,
    chatModel: tokens ? { ...chatModel, model: tokens.wrap(chatModel.model) } : chatModel,
    env,
    tools,
    approval,
    telemetry,
    abortSignal: request.signal,
    // Nothing to save, so nothing that failed to: the stream ends as the answer did.
    onEnd: async ({ message }) => {
      telemetry.answerEnded(message.metadata?.status ?? "finished", { saved: "unstored" });
      await tokens?.settle();
      return { saved: true };
    },
    beforeEnd: async () => settle(),
  });
  telemetry.responseReturned();
  return { response, done };
}
