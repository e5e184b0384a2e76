import type { FinishReason, UIMessageChunk } from "ai";
import { ParleyError } from "@/lib/errors";
import type { MessageMetadata } from "@/lib/message/message-metadata";
import type { ToolRun } from "@/lib/message/tool-run";
import type { AnswerUsage } from "@/lib/message/answer-usage";
import type { CompletionUsage, ToolActivity } from "./completion-response-schema";

type AnswerToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

/** An answer as OpenAI's assistant message. */
export type AnswerMessage = { role: "assistant"; content: string | null; tool_calls?: AnswerToolCall[] };

export type OpenAiFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export type CompletionChunkOptions = {
  id: string;
  /** The configured model's id, as `GET /v1/models` lists it. */
  model: string;
  /** Epoch seconds. */
  created: number;
  /** The client's own functions: a call of one goes to the client as a standard tool call. */
  clientToolNames: ReadonlySet<string>;
  includeUsage: boolean;
  /** The stored chat the conversation is kept in, when it is. */
  chatId?: string;
  /** The calls of the answer this one goes on from (their name and input were sent before): its runs report on them. */
  earlierCalls?: ReadonlyArray<{ id: string; name: string; input: unknown }>;
};

/**
 * Turns Parley's answer stream (the AI SDK's UI message chunks) into OpenAI's
 * `chat.completion.chunk` events, one chunk at a time: text and reasoning as deltas, the client's
 * function calls as standard `tool_calls`, Parley's own tool runs in the `parley.tool_activity`
 * extension (standard clients ignore it), the finish reason, then the usage when asked for. An
 * error part becomes an `{ error }` event, which OpenAI's clients raise as an error.
 */
export class CompletionChunkEncoder {
  readonly #options: CompletionChunkOptions;
  readonly #activities = new Map<string, ToolActivity>();
  /** Known, not reported: a call of an earlier answer is reported once something happens to it here. */
  readonly #earlierCalls = new Map<string, ToolActivity>();
  #usage: AnswerUsage | undefined;
  /** The error part's text, once the answer failed. */
  #failure: string | undefined;
  #finishReason: OpenAiFinishReason | undefined;
  #messageId: string | undefined;
  #content = "";
  #reasoning = "";
  readonly #toolCalls: AnswerToolCall[] = [];

  constructor(options: CompletionChunkOptions) {
    this.#options = options;
    for (const { id, name, input } of options.earlierCalls ?? []) this.#earlierCalls.set(id, { id, name, input, status: "running" });
  }

  /** The JSON texts of the events for one chunk of the answer, in order; often none. */
  encode(chunk: UIMessageChunk): string[] {
    if (this.#failure !== undefined || this.#finishReason !== undefined) return [];
    switch (chunk.type) {
      case "start": {
        this.#messageId = chunk.messageId;
        const { chatId } = this.#options;
        return [this.#chunk({ role: "assistant", content: "" }, null, chatId === undefined ? undefined : { chat_id: chatId })];
      }
      // Text of a later step (after a tool ran) is a new paragraph, as the browser shows it.
      case "text-start":
        return this.#content === "" ? [] : [this.#text("\n\n")];
      case "text-delta":
        return chunk.delta === "" ? [] : [this.#text(chunk.delta)];
      case "reasoning-delta":
        this.#reasoning += chunk.delta;
        return chunk.delta === "" ? [] : [this.#chunk({ reasoning_content: chunk.delta })];
      case "tool-input-available":
        if (this.#options.clientToolNames.has(chunk.toolName)) return [this.#clientToolCall(chunk.toolCallId, chunk.toolName, chunk.input)];
        return this.#activity(chunk.toolCallId, { name: chunk.toolName, input: chunk.input });
      case "tool-input-error":
        return this.#activity(chunk.toolCallId, { name: chunk.toolName, input: chunk.input, status: "failed", error: chunk.errorText });
      case "tool-output-available":
        return this.#activity(chunk.toolCallId, { output: chunk.output, preliminary: chunk.preliminary === true });
      case "tool-output-error":
        return this.#activity(chunk.toolCallId, { error: chunk.errorText });
      // A decision Parley made itself (a call denied where nobody can be asked) is no question: its denial follows.
      case "tool-approval-request":
        return chunk.isAutomatic === true ? [] : this.#activity(chunk.toolCallId, { status: "awaiting_approval", approval_id: chunk.approvalId });
      case "tool-output-denied":
        return this.#activity(chunk.toolCallId, { status: "denied" });
      case "data-toolRun": {
        const run = chunk.data as ToolRun;
        return this.#activity(chunk.id ?? "", {
          name: run.toolName,
          status: run.status,
          started_at: run.startedAt,
          ...(run.durationMs !== undefined && { duration_ms: run.durationMs }),
          cached: run.cached,
          truncated: run.truncated,
        });
      }
      case "message-metadata":
        this.#usage = (chunk.messageMetadata as MessageMetadata).usage ?? this.#usage;
        return [];
      case "error":
        this.#failure = chunk.errorText;
        return [JSON.stringify({ error: { message: chunk.errorText, type: "server_error", code: "answer_failed", param: null } })];
      case "finish":
        this.#usage = (chunk.messageMetadata as MessageMetadata | undefined)?.usage ?? this.#usage;
        return this.#finish(this.#openAiFinishReason(chunk.finishReason));
      // Stopped (Stop in the browser): the answer ends where it is, as OpenAI's clients expect an answer to end.
      case "abort":
        return this.#finish("stop");
      default:
        return [];
    }
  }

  /** The answer as the client holds it once it has read it all, with the id Parley stores it under. */
  get answer(): { messageId: string | undefined; message: AnswerMessage } {
    const toolCalls = this.#toolCalls.length > 0 ? { tool_calls: [...this.#toolCalls] } : {};
    const content = this.#content === "" && this.#toolCalls.length > 0 ? null : this.#content;
    return { messageId: this.#messageId, message: { role: "assistant", content, ...toolCalls } };
  }

  /**
   * The one `chat.completion` a request without `stream` gets, once the stream has ended: the
   * answer as its chunks said it, as OpenAI's own API answers. An answer that failed (the model, or
   * saving it) is a `model_failed` error; what was written before is kept in the chat when stored.
   */
  completion() {
    if (this.#failure !== undefined) throw new ParleyError("model_failed", this.#failure);
    const { id, model, created, chatId } = this.#options;
    const { message } = this.answer;
    const reasoning = this.#reasoning === "" ? {} : { reasoning_content: this.#reasoning };
    return {
      id,
      object: "chat.completion" as const,
      created,
      model,
      choices: [{ index: 0, message: { ...message, refusal: null, ...reasoning }, logprobs: null, finish_reason: this.#finishReason ?? "stop" }],
      usage: completionUsage(this.#usage),
      parley: { ...(chatId !== undefined && { chat_id: chatId }), tool_activity: [...this.#activities.values()] },
    };
  }

  #text(delta: string): string {
    this.#content += delta;
    return this.#chunk({ content: delta });
  }

  #finish(reason: OpenAiFinishReason): string[] {
    this.#finishReason = reason;
    return [this.#chunk({}, reason), ...(this.#options.includeUsage ? [this.#usageChunk()] : [])];
  }

  #clientToolCall(id: string, name: string, input: unknown): string {
    const index = this.#toolCalls.length;
    const call: AnswerToolCall = { id, type: "function", function: { name, arguments: JSON.stringify(input ?? {}) } };
    this.#toolCalls.push(call);
    return this.#chunk({ tool_calls: [{ index, ...call }] });
  }

  #activity(id: string, change: Partial<ToolActivity>): string[] {
    const known = this.#activities.get(id) ?? this.#earlierCalls.get(id);
    const name = change.name ?? known?.name;
    if (name === undefined || this.#options.clientToolNames.has(name)) return [];
    const activity: ToolActivity = { ...(known ?? { id, status: "running" }), ...change, id, name };
    if (change.output !== undefined && !change.preliminary) delete activity.preliminary;
    this.#activities.set(id, activity);
    return [this.#chunk({}, null, { tool_activity: activity })];
  }

  /** "tool_calls" only when the client has calls to answer; an answer cut at Parley's step limit just stops. */
  #openAiFinishReason(reason: FinishReason | undefined): OpenAiFinishReason {
    if (this.#toolCalls.length > 0) return "tool_calls";
    if (reason === "length") return "length";
    if (reason === "content-filter") return "content_filter";
    return "stop";
  }

  #usageChunk(): string {
    return JSON.stringify({ ...this.#base(), choices: [], usage: completionUsage(this.#usage) });
  }

  #chunk(delta: Record<string, unknown>, finishReason: OpenAiFinishReason | null = null, parley?: Record<string, unknown>): string {
    const choice = { index: 0, delta, logprobs: null, finish_reason: finishReason };
    return JSON.stringify({ ...this.#base(), choices: [choice], ...(parley && { parley }) });
  }

  #base() {
    const { id, model, created } = this.#options;
    return { id, object: "chat.completion.chunk", created, model };
  }
}

/** OpenAI's usage object from what the answer's model calls reported (zero where they reported nothing). */
function completionUsage(usage: AnswerUsage | undefined): CompletionUsage {
  const promptTokens = usage?.inputTokens ?? 0;
  const completionTokens = usage?.outputTokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(usage?.cachedInputTokens !== undefined && { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }),
    ...(usage?.reasoningTokens !== undefined && { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
  };
}
