import {
  convertToModelMessages,
  createIdGenerator,
  createUIMessageStream,
  isStepCount,
  streamText,
  toUIMessageStream,
  type TextStreamPart,
  type ToolChoice,
  type ToolSet,
  type UIMessageStreamOutcome,
} from "ai";
import type { ChatModel } from "@/lib/ai/chat-model";
import { chatInstructions } from "@/lib/ai/instructions";
import type { Env } from "@/lib/env";
import type { ChatTelemetry } from "@/lib/observability/chat-telemetry";
import { ParleyError } from "@/lib/errors";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import { needsApproval } from "@/lib/tools/tool-approval-policy";
import type { ToolApprovalSettings } from "@/lib/tools/tool-approval-settings";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { createStepCallLimit } from "@/lib/tools/step-call-limit";
import { applyToolRuntime } from "@/lib/tools/tool-runtime";
import { ToolResultCache } from "@/lib/tools/tool-result-cache";
import { toolsAsSentText } from "@/lib/tools/tools-as-sent";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { MessageMetadata } from "@/lib/message/message-metadata";
import { answerFailure, unfinishedAnswerFailure } from "./answer-failure";
import { withAnswerUsage } from "./answer-usage-meter";
import { capToolPayloads } from "./cap-tool-payloads";
import { earlierReasoningFor } from "./earlier-reasoning";
import { fitToContext, outputTokensFor } from "./fit-to-context";
import { toModelHistory } from "./model-history";
import { ANSWER_NOT_SAVED_TEXT, toSafeStreamErrorText } from "./stream-error-text";
import { uiMessageSseResponse, type UIMessageSseResponseOptions } from "./ui-message-sse-response";

// One cache per server instance, shared by all requests (read-only tools only).
const toolResultCache = new ToolResultCache();

const generateMessageId = createIdGenerator({ prefix: "msg", size: 16 });

export type StreamChatOptions = {
  messages: ChatMessage[];
  chatModel: ChatModel;
  env: Pick<Env, "MAX_STEPS" | "MAX_TOOL_CALLS_PER_STEP" | "MAX_OUTPUT_TOKENS" | "TOOL_TIMEOUT_MS" | "MODEL_MAX_RETRIES" | "HEARTBEAT_MS" | "STREAM_MAX_UNREAD_BYTES">;
  abortSignal?: AbortSignal;
  /** The tools the model may call (the app's: `toolDefinitions` of `@/tools`). */
  tools: ToolDefinitions;
  /** Measures the answer (first text, tokens, tool calls); its keys go on the error log lines. */
  telemetry?: ChatTelemetry;
  /**
   * Called once with the answer however the stream ends (finished, stopped, failed), before the
   * client sees the end of the stream: what the client saw last is what was saved. Resolves whether
   * it was saved; when it was not, the stream ends with an error part saying so, not a finish.
   */
  onEnd?: (answer: { message: ChatMessage; outcome: UIMessageStreamOutcome }) => Promise<{ saved: boolean }>;
  /** A client's own functions (no `execute`): a call of one ends the answer, for the client to run. */
  clientTools?: ToolSet;
  /** How the model must use the tools in the answer's first step; later steps choose freely. */
  toolChoice?: ToolChoice<ToolSet>;
  /** Which calls wait for the user's approval, and the key their requests are signed with; none wait when absent. */
  approval?: ToolApprovalSettings;
  /** What a client asked of the model's sampling (the /v1 API); the model's defaults otherwise. */
  callSettings?: { temperature?: number; topP?: number; stopSequences?: string[]; maxOutputTokens?: number };
} & Pick<UIMessageSseResponseOptions, "onChunk" | "beforeEnd" | "headers" | "present">;

/**
 * Answers a conversation as a UI message stream (SSE). The response is returned at once, so its
 * first bytes leave before the model answers; tool calls report their progress as `data-toolRun`
 * parts; failures arrive as error parts with a safe text, never as a broken stream.
 */
export function streamChat(options: StreamChatOptions): Response {
  const { messages, chatModel, env, abortSignal, tools: definitions, telemetry, onEnd, onChunk, beforeEnd, headers, present } = options;
  const { clientTools, toolChoice, callSettings, approval } = options;
  // The stream's source ends only after onEnd has settled, and its finish chunk waits for that end.
  let saved = true;
  const stream = createUIMessageStream<ChatMessage>({
    originalMessages: messages,
    onError: toSafeStreamErrorText,
    onEnd:
      onEnd &&
      (async ({ responseMessage, outcome }) => {
        ({ saved } = await onEnd({ message: responseMessage, outcome }));
      }),
    execute: async ({ writer }) => {
      const stepCallLimit = createStepCallLimit(env.MAX_TOOL_CALLS_PER_STEP);
      const tools = applyToolRuntime(definitions, {
        cache: toolResultCache,
        defaultTimeoutMs: env.TOOL_TIMEOUT_MS,
        stepCallLimit,
        onRunUpdate: (toolCallId, run, error) => {
          writer.write({ type: "data-toolRun", id: toolCallId, data: run });
          telemetry?.toolRunEnded(run, error);
        },
      });
      // A client's system messages (the /v1 API) go with Parley's instructions: never left out for length.
      const { instructions, instructionsText, conversation } = instructionsOf(messages);
      // The history the model can read: tool payloads capped, the oldest turns left out past its window.
      const maxOutputTokens = Math.min(callSettings?.maxOutputTokens ?? Infinity, outputTokensFor(chatModel.contextWindow, env.MAX_OUTPUT_TOKENS));
      const history = await fitToContext(capToolPayloads(earlierReasoningFor(toModelHistory(conversation), chatModel)), {
        contextWindow: chatModel.contextWindow,
        outputTokens: maxOutputTokens,
        fixedText: `${instructionsText}\n${await toolsAsSentText(definitions)}`,
      });
      // Counted in the chat as stored (its system messages aside: they go as instructions), whose failed
      // empty answers and joined questions the model history leaves out.
      const firstSentId = history.messages[0]?.id;
      const leftOut = history.leftOut === 0 ? 0 : Math.max(history.leftOut, conversation.findIndex((message) => message.id === firstSentId));
      const allTools = clientTools ? { ...tools, ...clientTools } : tools;
      const result = streamText({
        model: chatModel.model,
        instructions,
        messages: await convertToModelMessages(history.messages, { tools: allTools }),
        tools: allTools,
        // A call that waits is signed by the AI SDK; an approval coming back runs only if its signature holds.
        ...(approval && {
          toolApproval: ({ toolCall }) => {
            const definition = definitions[toolCall.toolName];
            if (!definition || !needsApproval(definition.runtime, approval.policies[toolCall.toolName])) return undefined;
            return approval.denyReason === undefined ? "user-approval" : { type: "denied", reason: approval.denyReason };
          },
          experimental_toolApprovalSecret: approval.secret,
        }),
        ...(toolChoice !== undefined && { prepareStep: ({ stepNumber }) => (stepNumber === 0 ? { toolChoice } : {}) }),
        stopWhen: isStepCount(env.MAX_STEPS),
        onStepStart: () => stepCallLimit.startStep(),
        maxOutputTokens,
        temperature: callSettings?.temperature,
        topP: callSettings?.topP,
        stopSequences: callSettings?.stopSequences,
        maxRetries: env.MODEL_MAX_RETRIES,
        abortSignal,
        onError: ({ error }) => {
          if (error instanceof ParleyError && error.code === "rate_limited") telemetry?.answerStoppedByQuota();
          else logger.error("chat stream error", { ...telemetry?.logKeys, error: errorForLog(error) });
        },
      });
      writer.merge(
        toUIMessageStream({
          stream: result.stream,
          originalMessages: messages,
          generateMessageId,
          onError: toSafeStreamErrorText,
          messageMetadata: withAnswerUsage(answerMetadata(chatModel, telemetry, leftOut), chatModel.price),
        }),
      );
    },
  });

  return uiMessageSseResponse({
    stream,
    keepAliveMs: env.HEARTBEAT_MS,
    maxUnreadBytes: env.STREAM_MAX_UNREAD_BYTES,
    // The answer goes on and is saved; the client, if it ever reads again, is told to reload.
    onReaderCutOff: () => logger.warn("client fell behind the answer: cut off", { ...telemetry?.logKeys, maxUnreadBytes: env.STREAM_MAX_UNREAD_BYTES }),
    // A save that failed is the last thing the client hears: the text it has is all there is.
    lastChunks: (finish) => (saved ? (finish ? [finish] : []) : [{ type: "error", errorText: ANSWER_NOT_SAVED_TEXT }]),
    onChunk,
    beforeEnd,
    present,
    // no-transform: proxies and `next start`'s compression must not buffer the event stream.
    headers: { ...headers, "cache-control": "no-cache, no-transform" },
  });
}

/**
 * Parley's instructions and, after them, the conversation's own system messages (sent through the
 * /v1 API), apart from the conversation the model answers.
 */
function instructionsOf(messages: ChatMessage[]) {
  const conversation = messages.filter((message) => message.role !== "system");
  if (conversation.length === messages.length) return { instructions: chatInstructions, instructionsText: chatInstructions, conversation };
  const texts = [chatInstructions, ...messages.flatMap((message) => (message.role === "system" ? [textOf(message)] : []))];
  return {
    instructions: texts.map((content) => ({ role: "system" as const, content })),
    instructionsText: texts.join("\n"),
    conversation,
  };
}

function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/**
 * The answer's metadata (its model, how it finished or why not), read from the stream's parts as
 * they pass, which also time the first text and count each step's tokens. Per token, only a flag
 * is checked: the first text delta is timed, the others pass by.
 */
function answerMetadata(chatModel: ChatModel, telemetry: ChatTelemetry | undefined, leftOut: number) {
  let sawText = false;
  const thinking: NonNullable<MessageMetadata["thinking"]> = [];
  let failed = false;
  return ({ part }: { part: TextStreamPart<ToolSet> }): MessageMetadata | undefined => {
    switch (part.type) {
      // Each reasoning part is timed where it happens, so a view that joins later shows the same time.
      case "reasoning-start":
        thinking.push({ startedAt: Date.now() });
        return { thinking: thinking.map((entry) => ({ ...entry })) };
      case "reasoning-end": {
        const last = thinking.at(-1);
        if (last) last.ms = Date.now() - last.startedAt;
        return { thinking: thinking.map((entry) => ({ ...entry })) };
      }
      case "text-delta":
        if (!sawText) {
          sawText = true;
          telemetry?.firstTextDelta();
        }
        return undefined;
      case "finish-step":
        telemetry?.stepFinished(part.usage.totalTokens);
        return undefined;
      case "start":
        return { model: chatModel.label, modelId: chatModel.id, createdAt: Date.now(), ...(leftOut > 0 ? { leftOut } : {}) };
      case "finish": {
        // An error part, when there was one, already said why the answer did not finish.
        const unfinished = part.finishReason === "interrupted" && !failed ? unfinishedAnswerFailure() : {};
        return { finishReason: part.finishReason, totalTokens: part.totalUsage.totalTokens, ...unfinished };
      }
      case "abort":
        return { status: "stopped" };
      case "error":
        failed = true;
        return { status: "failed", ...answerFailure(part.error) };
      default:
        return undefined;
    }
  };
}
