import { Stream } from "openai/streaming";
import { z } from "zod";
import type { ToolActivity } from "@/lib/openai-api/completion-response-schema";
import type { TimedEvent } from "./function-url";

// A streamed /v1/chat/completions answer as a program reads it: the events through OpenAI's own
// npm client's stream reader (which stops at `data: [DONE]` and raises an `{ error }` event), each
// one checked against the shape of OpenAI's `chat.completion.chunk`.

const toolActivitySchema = z.looseObject({ id: z.string(), name: z.string(), status: z.string() });

const completionChunkSchema = z.object({
  id: z.string().min(1),
  object: z.literal("chat.completion.chunk"),
  created: z.number().int(),
  model: z.string().min(1),
  system_fingerprint: z.string().nullable().optional(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      delta: z.object({
        role: z.literal("assistant").optional(),
        content: z.string().nullable().optional(),
        reasoning_content: z.string().optional(),
        tool_calls: z.array(z.looseObject({ index: z.number().int(), id: z.string().optional() })).optional(),
      }),
      logprobs: z.null().optional(),
      finish_reason: z.enum(["stop", "length", "tool_calls", "content_filter"]).nullable(),
    }),
  ),
  usage: z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).nullable().optional(),
  parley: z.object({ chat_id: z.string().optional(), tool_activity: toolActivitySchema.optional() }).optional(),
});

type CompletionChunk = z.infer<typeof completionChunkSchema>;

export type CompletionStreamReading = {
  /** Every event that is a valid chunk, in order. */
  chunks: CompletionChunk[];
  /** Anything else the client was given (should stay empty). */
  invalid: Array<{ rawValue: unknown; error: string }>;
  /** The answer's text: the content deltas joined. */
  content: string;
  /** Each of Parley's tool runs in its last reported state, in the order they started. */
  toolActivity: ToolActivity[];
};

/** Reads a whole streamed completion body with OpenAI's client, validating each chunk. */
export async function readCompletionStream(body: Uint8Array): Promise<CompletionStreamReading> {
  const chunks: CompletionChunk[] = [];
  const invalid: CompletionStreamReading["invalid"] = [];
  const response = new Response(new Uint8Array(body), { headers: { "content-type": "text/event-stream" } });
  for await (const value of Stream.fromSSEResponse<unknown>(response, new AbortController())) {
    const parsed = completionChunkSchema.safeParse(value);
    if (parsed.success) chunks.push(parsed.data);
    else invalid.push({ rawValue: value, error: z.prettifyError(parsed.error) });
  }

  const activities = new Map<string, ToolActivity>();
  for (const chunk of chunks) {
    const activity = chunk.parley?.tool_activity;
    if (activity) activities.set(activity.id, activity as ToolActivity);
  }
  const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
  return { chunks, invalid, content, toolActivity: [...activities.values()] };
}

/** Whether an event of the body is a chunk carrying answer text: what "the text streams" is judged on. */
export function isContentDelta(event: TimedEvent): boolean {
  if (event.kind !== "data" || event.text === "[DONE]") return false;
  const parsed = completionChunkSchema.safeParse(JSON.parse(event.text));
  return parsed.success && (parsed.data.choices[0]?.delta.content ?? "") !== "";
}
