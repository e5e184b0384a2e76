import { z } from "zod";
import { MAX_MESSAGES, MAX_TEXT_CHARS } from "@/lib/chat/request-limits";

// OpenAI's Chat Completions request, the part of it Parley serves. Fields a client library sends
// that change nothing here (`user`, `metadata`, `seed`, `logprobs: false`, …) are accepted and
// ignored, as OpenAI-compatible servers do; fields whose meaning Parley cannot honour are refused
// with a message saying so, never silently dropped.

/** The most function tools one request may offer, as OpenAI allows. */
const MAX_CLIENT_TOOLS = 128;

const textPartSchema = z.object({
  type: z.literal("text", { error: "Parley's API takes text content only: each content part must be of type `text`." }),
  text: z.string().max(MAX_TEXT_CHARS, `A text part may hold at most ${MAX_TEXT_CHARS} characters.`),
});

const contentSchema = z.union([
  z.string().max(MAX_TEXT_CHARS, `A message may hold at most ${MAX_TEXT_CHARS} characters.`),
  z.array(textPartSchema).min(1).max(100),
]);

export type MessageContent = z.infer<typeof contentSchema>;

const nameSchema = z.string().max(200).optional();

const instructionMessageSchema = z.object({
  role: z.enum(["system", "developer"]),
  content: contentSchema,
  name: nameSchema,
});

const userMessageSchema = z.object({ role: z.literal("user"), content: contentSchema, name: nameSchema });

/** The names OpenAI allows for functions; also what every model provider accepts. */
const functionNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "A function name is 1 to 64 letters, digits, '_' or '-'.");

const toolCallSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.object({
    name: functionNameSchema,
    /** JSON text, as the model wrote it. */
    arguments: z.string().max(MAX_TEXT_CHARS),
  }),
});

const assistantMessageSchema = z.object({
  role: z.literal("assistant"),
  content: contentSchema.nullish(),
  refusal: z.string().max(MAX_TEXT_CHARS).nullish(),
  tool_calls: z.array(toolCallSchema).max(MAX_CLIENT_TOOLS).optional(),
  name: nameSchema,
});

const toolMessageSchema = z.object({
  role: z.literal("tool"),
  tool_call_id: z.string().min(1).max(200),
  content: contentSchema,
});

const messageSchema = z.discriminatedUnion(
  "role",
  [instructionMessageSchema, userMessageSchema, assistantMessageSchema, toolMessageSchema],
  { error: 'A message role must be "system", "developer", "user", "assistant" or "tool".' },
);

export type CompletionMessage = z.infer<typeof messageSchema>;

const functionToolSchema = z.object({
  type: z.literal("function", { error: "Only tools of type `function` are supported." }),
  function: z.object({
    name: functionNameSchema,
    description: z.string().max(4_000).optional(),
    /** A JSON Schema object; none: the function takes no arguments. */
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

export type FunctionTool = z.infer<typeof functionToolSchema>;

const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: functionNameSchema }) }),
]);

export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** The user's decision on one of Parley's tool calls that waits for approval, by the id the answer gave it. */
const approvalDecisionSchema = z.object({
  approval_id: z.string().min(1).max(200),
  approved: z.boolean(),
  /** Told to the model with a denial. */
  reason: z.string().max(1_000).optional(),
});

export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/** Parley's own request fields, beside OpenAI's: standard clients send them as extra body fields. */
const parleyRequestSchema = z.object({
  /**
   * Decisions on the calls the conversation's last answer waits on (`tool_activity` with status
   * `awaiting_approval`): that answer goes on, running what was approved.
   */
  approvals: z.array(approvalDecisionSchema).min(1).max(MAX_CLIENT_TOOLS).optional(),
});

const tokenLimitSchema = z.number().int().min(1).max(1_000_000).nullish();

export const completionRequestSchema = z.looseObject({
  /** One of the models `GET /v1/models` lists. */
  model: z.string().min(1).max(200),
  messages: z
    .array(messageSchema)
    .min(1, "At least one message is required.")
    .max(MAX_MESSAGES, `A conversation may hold at most ${MAX_MESSAGES} messages.`),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  /** Functions the client runs itself: offered to the model beside Parley's own tools. */
  tools: z.array(functionToolSchema).max(MAX_CLIENT_TOOLS).optional(),
  tool_choice: toolChoiceSchema.optional(),
  /** Parley cannot keep a model from calling several tools at once: only `true` (the default) is taken. */
  parallel_tool_calls: z.literal(true, { error: "Parley cannot stop the model from calling several tools at once: `parallel_tool_calls` must be true or absent." }).optional(),
  /** Structured output is not offered: only plain text. */
  response_format: z
    .object({ type: z.literal("text", { error: "Parley answers in text only: `response_format` must be `{ \"type\": \"text\" }` or absent." }) })
    .nullish(),
  logprobs: z.literal(false, { error: "Parley does not return log probabilities: `logprobs` must be false or absent." }).nullish(),
  /** False: the conversation is not kept as one of the user's chats. Kept by default. */
  store: z.boolean().nullish(),
  max_tokens: tokenLimitSchema,
  max_completion_tokens: tokenLimitSchema,
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string().max(200), z.array(z.string().max(200)).max(4)]).nullish(),
  parley: parleyRequestSchema.optional(),
  /** One answer per request: Parley does not sample several. */
  n: z.literal(1, { error: "Parley answers with one choice: `n` must be 1." }).nullish(),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
