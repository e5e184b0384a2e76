import { ParleyError } from "@/lib/errors";
import type { CompletionUsage, OpenAiFinishReason, ToolActivity } from "./completion-chunks";

type ChunkToolCall = { index: number; id?: string; type?: "function"; function?: { name?: string; arguments?: string } };

type CompletionChunk = {
  id: string;
  created: number;
  model: string;
  choices: { delta: { content?: string; reasoning_content?: string; tool_calls?: ChunkToolCall[] }; finish_reason: OpenAiFinishReason | null }[];
  usage?: CompletionUsage;
  parley?: { chat_id?: string; tool_activity?: ToolActivity };
  error?: { message: string };
};

type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

/**
 * The one `chat.completion` a non-streaming request gets: the stream's chunks put together, as
 * OpenAI's own API answers. An error event in the stream (the model or the server failed) is a
 * `model_failed` error; what was written before it is kept in the chat when it is stored.
 */
export function completionFromChunks(eventStreamText: string) {
  const chunks = eventStreamText
    .split("\n\n")
    .filter((event) => event.startsWith("data: ") && event !== "data: [DONE]")
    .map((event) => JSON.parse(event.slice("data: ".length)) as CompletionChunk);

  const failure = chunks.find((chunk) => chunk.error !== undefined)?.error;
  if (failure) throw new ParleyError("model_failed", failure.message);
  const first = chunks[0];
  if (!first) throw new ParleyError("model_failed", "The answer ended before it began.");

  let content = "";
  let reasoning = "";
  let finishReason: OpenAiFinishReason = "stop";
  let usage: CompletionUsage | undefined;
  let chatId: string | undefined;
  const toolCalls: ToolCall[] = [];
  const activities = new Map<string, ToolActivity>();
  for (const chunk of chunks) {
    usage = chunk.usage ?? usage;
    chatId = chunk.parley?.chat_id ?? chatId;
    const activity = chunk.parley?.tool_activity;
    if (activity) activities.set(activity.id, activity);
    for (const { delta, finish_reason } of chunk.choices) {
      content += delta.content ?? "";
      reasoning += delta.reasoning_content ?? "";
      for (const call of delta.tool_calls ?? []) {
        toolCalls[call.index] = { id: call.id ?? "", type: "function", function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "" } };
      }
      if (finish_reason) finishReason = finish_reason;
    }
  }

  const message = {
    role: "assistant" as const,
    content: content === "" && toolCalls.length > 0 ? null : content,
    refusal: null,
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    ...(reasoning !== "" && { reasoning_content: reasoning }),
  };
  return {
    id: first.id,
    object: "chat.completion" as const,
    created: first.created,
    model: first.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    ...(usage && { usage }),
    parley: { ...(chatId !== undefined && { chat_id: chatId }), tool_activity: [...activities.values()] },
  };
}
