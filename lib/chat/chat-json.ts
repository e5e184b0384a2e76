import { z } from "zod";
import { usageTotalOf, type UsageTotal } from "@/lib/message/usage-total";
import { messageMetadataSchema } from "@/lib/message/message-metadata";
import type { ChatSummary, StoredChat } from "@/lib/store/chat-store";

// The API's shape of a chat: dates as ISO 8601 strings.

export const chatSummaryJsonSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type ChatSummaryJson = z.infer<typeof chatSummaryJsonSchema>;

/** `GET /api/chats`: `nextCursor` reads the next page; null on the last. */
export const chatListJsonSchema = z.strictObject({ chats: z.array(chatSummaryJsonSchema), nextCursor: z.string().nullable() });

export type ChatListJson = z.infer<typeof chatListJsonSchema>;

const roleSchema = z.enum(["system", "user", "assistant"]);

/** A stored message is the AI SDK's `UIMessage`; its parts are the SDK's (text, reasoning, tool-…, data-toolRun, …). */
const chatMessageJsonSchema = z.strictObject({
  id: z.string(),
  role: roleSchema,
  metadata: messageMetadataSchema.optional(),
  parts: z.array(z.looseObject({ type: z.string() })),
});

const countSchema = z.number().int().min(0);

/** The summed usage of `UsageTotal` (lib/message/usage-total.ts). */
const usageTotalJsonSchema = z.strictObject({
  answers: countSchema,
  answersWithoutUsage: countSchema,
  calls: countSchema,
  reportedCalls: countSchema,
  inputTokens: countSchema,
  outputTokens: countSchema,
  totalTokens: countSchema,
  reasoningTokens: countSchema.optional(),
  cachedInputTokens: countSchema.optional(),
  cost: z.number().min(0).optional().meta({ description: "US dollars." }),
  answersWithoutPrice: countSchema,
});

export const chatJsonSchema = chatSummaryJsonSchema.extend({
  messages: z.array(chatMessageJsonSchema).meta({ description: "The active path, first message first: what the chat shows and the model reads." }),
  tree: z
    .array(z.strictObject({ id: z.string(), parentId: z.string().nullable(), role: roleSchema }))
    .meta({ description: "Where every message of the chat sits, in the order stored: siblings share a `parentId`." }),
  usage: usageTotalJsonSchema,
});

/**
 * `messages`: the active path (what the chat shows and the model reads); `tree`: where every message
 * of the chat sits (`{ id, parentId, role }`, in the order stored), from which its branches are read;
 * `usage`: the sum of its answers' usage and cost, on every branch.
 */
export type ChatJson = ChatSummaryJson & { messages: StoredChat["messages"]; tree: StoredChat["tree"]; usage: UsageTotal };

export function toChatSummaryJson(chat: ChatSummary): ChatSummaryJson {
  return {
    id: chat.id,
    title: chat.title,
    createdAt: new Date(chat.createdAt).toISOString(),
    updatedAt: new Date(chat.updatedAt).toISOString(),
  };
}

export function toChatJson(chat: StoredChat): ChatJson {
  return { ...toChatSummaryJson(chat), messages: chat.messages, tree: chat.tree, usage: usageTotalOf([...chat.messagesById.values()]) };
}
