import { z } from "zod";
import { toolRunStatuses } from "@/lib/message/tool-run";

// What Parley answers on /v1, in the shapes OpenAI documents for Chat Completions, Models and
// errors: only the fields Parley fills, every object strict, so a test that parses what Parley
// sends catches a field misspelt, misplaced or missing. Parley's own additions ride where standard
// clients ignore them: `parley` beside the standard fields, and the reasoning as `reasoning_content`,
// the name DeepSeek, vLLM and llama.cpp gave it.

const tokenCountSchema = z.number().int().min(0);
const unixSecondsSchema = z.number().int().min(0).meta({ description: "Unix time in seconds." });

/** One run of one of Parley's server-side tools, as its chip in the web UI shows it. */
export const toolActivitySchema = z.strictObject({
  id: z.string().meta({ description: "The tool call's id." }),
  name: z.string().meta({ description: "The tool's name." }),
  status: z.enum([...toolRunStatuses, "awaiting_approval", "denied"]).meta({
    description:
      "`awaiting_approval`: the call waits for the user's decision, sent in the next request as `parley.approvals` with its `approval_id`; `denied`: the user said no, and the model was told.",
  }),
  approval_id: z.string().optional().meta({ description: "The id a decision on this call names, once the call waited for approval." }),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  preliminary: z.boolean().optional().meta({ description: "The output is progress the tool streamed, not its last." }),
  error: z.string().optional().meta({ description: "Why the call failed, safe to show." }),
  started_at: z.number().int().min(0).optional().meta({ description: "When the call started, Unix time in milliseconds." }),
  duration_ms: z.number().min(0).optional(),
  cached: z.boolean().optional().meta({ description: "The output came from the tool cache." }),
  truncated: z.boolean().optional().meta({ description: "The output was cut to the tool's output cap." }),
});

export type ToolActivity = z.infer<typeof toolActivitySchema>;

export const completionUsageSchema = z.strictObject({
  prompt_tokens: tokenCountSchema,
  completion_tokens: tokenCountSchema,
  total_tokens: tokenCountSchema,
  prompt_tokens_details: z.strictObject({ cached_tokens: tokenCountSchema.optional() }).optional(),
  completion_tokens_details: z.strictObject({ reasoning_tokens: tokenCountSchema.optional() }).optional(),
});

export type CompletionUsage = z.infer<typeof completionUsageSchema>;

const finishReasonSchema = z.enum(["stop", "length", "tool_calls", "content_filter"]);

/** Parley answers with one choice (`n` is 1), so its index is 0. */
const choiceIndexSchema = z.literal(0);

const reasoningContentSchema = z.string().meta({ description: "The model's reasoning, where it shows it (Parley's extension, as DeepSeek's API names it)." });

/** A call of one of the client's own functions (`tools` of the request): the client runs it. */
const toolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string(), arguments: z.string().meta({ description: "JSON text, as the model wrote it." }) }),
});

const completionMessageSchema = z.strictObject({
  role: z.literal("assistant"),
  content: z.string().nullable(),
  refusal: z.string().nullable(),
  tool_calls: z.array(toolCallSchema).min(1).optional(),
  reasoning_content: reasoningContentSchema.optional(),
});

export const chatCompletionSchema = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: unixSecondsSchema,
  model: z.string(),
  choices: z
    .array(z.strictObject({ index: choiceIndexSchema, message: completionMessageSchema, logprobs: z.null(), finish_reason: finishReasonSchema }))
    .length(1),
  usage: completionUsageSchema.optional(),
  parley: z
    .strictObject({
      chat_id: z.string().optional().meta({ description: "The chat the conversation is stored as (absent with `store: false`)." }),
      tool_activity: z.array(toolActivitySchema).meta({ description: "Every run of Parley's server-side tools in this answer, in the order they started." }),
    })
    .optional(),
});

export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

const deltaToolCallSchema = z.strictObject({
  index: z.number().int().min(0),
  id: z.string().optional(),
  type: z.literal("function").optional(),
  function: z.strictObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const chatCompletionChunkSchema = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: unixSecondsSchema,
  model: z.string(),
  /** Empty in the last chunk when `stream_options.include_usage` asks for the usage. */
  choices: z
    .array(
      z.strictObject({
        index: choiceIndexSchema,
        delta: z.strictObject({
          role: z.literal("assistant").optional(),
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
          tool_calls: z.array(deltaToolCallSchema).min(1).optional(),
          reasoning_content: reasoningContentSchema.optional(),
        }),
        logprobs: z.null().optional(),
        finish_reason: finishReasonSchema.nullable(),
      }),
    )
    .max(1),
  usage: completionUsageSchema.nullable().optional(),
  parley: z
    .strictObject({
      chat_id: z.string().optional().meta({ description: "The chat the conversation is stored as (absent with `store: false`)." }),
      tool_activity: toolActivitySchema.optional().meta({ description: "A run of one of Parley's server-side tools that started or changed." }),
    })
    .optional(),
});

export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

export const modelSchema = z.strictObject({
  id: z.string().meta({ description: "The `model` to name in a request." }),
  object: z.literal("model"),
  created: unixSecondsSchema,
  owned_by: z.string(),
});

export const modelListSchema = z.strictObject({ object: z.literal("list"), data: z.array(modelSchema) });

export type ModelList = z.infer<typeof modelListSchema>;

/** OpenAI's error body: `type` is its class (`invalid_request_error`, …), `code` the exact reason. */
export const openAiErrorBodySchema = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});

export type OpenAiErrorBody = z.infer<typeof openAiErrorBodySchema>;
