import { z } from "zod";
import { MAX_ID_LENGTH, MAX_MESSAGES, MAX_PARTS_PER_MESSAGE, MAX_TEXT_CHARS } from "./request-limits";

// The AI SDK's default transport body: { id, messages, trigger, messageId }. This first pass checks
// shape, sizes, roles and part types; `validateUIMessages` then checks each part's fields, and tool
// parts against the tools.

const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** Chat ids appear in URLs: letters, digits, "-" and "_" only. */
export const chatIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "A chat id is 1 to 100 letters, digits, '-' or '_'.");

const textStateSchema = z.enum(["streaming", "done"]).optional();

const textPartSchema = z.looseObject({
  type: z.literal("text"),
  text: z.string().max(MAX_TEXT_CHARS, `A text part may hold at most ${MAX_TEXT_CHARS} characters.`),
  state: textStateSchema,
});

const reasoningPartSchema = z.looseObject({
  type: z.literal("reasoning"),
  text: z.string().max(MAX_TEXT_CHARS * 4),
  state: textStateSchema,
});

/** The model's text and reasoning are as long as it wrote them (up to MAX_OUTPUT_TOKENS a step); the body cap bounds them. */
const answerTextPartSchema = z.looseObject({
  type: z.enum(["text", "reasoning"]),
  text: z.string(),
  state: textStateSchema,
});

const stepStartPartSchema = z.looseObject({ type: z.literal("step-start") });

const toolPartSchema = z.looseObject({
  type: z.templateLiteral(["tool-", z.string().min(1).max(100)]),
  toolCallId: idSchema,
  state: z.enum([
    "input-streaming",
    "input-available",
    "approval-requested",
    "approval-responded",
    "output-available",
    "output-error",
    "output-denied",
  ]),
});

const dataPartSchema = z.looseObject({
  type: z.templateLiteral(["data-", z.string().min(1).max(100)]),
  id: idSchema.optional(),
  data: z.unknown(),
});

/**
 * The rest of what the AI SDK streams into an answer: a call the model made with input no tool
 * accepts (`dynamic-tool`), files and provider-specific content. Their fields are checked by
 * `validateUIMessages`.
 */
const otherAnswerPartSchema = z.looseObject({ type: z.enum(["dynamic-tool", "file", "reasoning-file", "custom"]) });

const partError = (issue: { input?: unknown }) => {
  const type = (issue.input as { type?: unknown } | undefined)?.type;
  return typeof type === "string" ? `Unknown or malformed message part of type "${type.slice(0, 100)}".` : "Each message part needs a type.";
};

const userPartSchema = z.union([textPartSchema, reasoningPartSchema, stepStartPartSchema, toolPartSchema, dataPartSchema], { error: partError });

const answerPartSchema = z.union([answerTextPartSchema, stepStartPartSchema, toolPartSchema, dataPartSchema, otherAnswerPartSchema], {
  error: partError,
});

const userMessageSchema = z.looseObject({
  id: idSchema,
  role: z.literal("user"),
  parts: z.array(userPartSchema).min(1, "A user message needs at least one part.").max(MAX_PARTS_PER_MESSAGE),
  metadata: z.unknown().optional(),
});

/**
 * An answer as Parley streams and stores it, so that any AI SDK client can post back the history it
 * holds: an answer that failed or was stopped before any content has no parts at all.
 */
const assistantMessageSchema = z.looseObject({
  id: idSchema,
  role: z.literal("assistant"),
  parts: z.array(answerPartSchema).max(MAX_PARTS_PER_MESSAGE),
  metadata: z.unknown().optional(),
});

const messageSchema = z.discriminatedUnion("role", [userMessageSchema, assistantMessageSchema], {
  error: 'A message role must be "user" or "assistant".',
});

/**
 * Parley's own client sends only the new message (`message`); any AI SDK client may send the whole
 * conversation (`messages`), of which only the last, the user's new message, is used: the history
 * always comes from the store.
 */
export const postChatRequestSchema = z
  .object({
    id: chatIdSchema,
    message: messageSchema.optional(),
    messages: z
      .array(messageSchema)
      .min(1, "At least one message is required.")
      .max(MAX_MESSAGES, `A conversation may hold at most ${MAX_MESSAGES} messages.`)
      .optional(),
    trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
    /** For regenerate-message: the answer being replaced (it stays, as a sibling of the new one). */
    messageId: idSchema.optional(),
    /**
     * The message the new one follows in the chat's tree; null: it is a first message. An edit names
     * the edited message's parent, which starts a branch. Absent: after the last message of the
     * chat's active path.
     */
    parentId: idSchema.nullable().optional(),
    /** The id of the configured model to answer with (`MODELS`); the default model when absent. */
    model: z.string().min(1).max(200).optional(),
  })
  .refine((body) => (body.message === undefined) !== (body.messages === undefined), {
    message: "Send either `message` (the new message) or `messages` (the conversation).",
  });
