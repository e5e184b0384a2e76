import { z } from "zod";
import type { ChatSearchResult } from "@/lib/store/chat-store";
import { chatSummaryJsonSchema, toChatSummaryJson } from "./chat-json";

// The API's shape of a search: each hit names its chat, the message it matched at (null: the
// title), and a snippet as parts of text, the matched words marked (never markup).

const chatSearchHitJsonSchema = z.strictObject({
  chat: chatSummaryJsonSchema,
  messageId: z.string().nullable().meta({ description: "The message the words were found in; null: the title." }),
  snippet: z
    .array(z.strictObject({ text: z.string(), match: z.boolean() }))
    .meta({ description: "Text around the words found, in parts: `match` marks the words searched for. Text, never markup." }),
});

export type ChatSearchHitJson = z.infer<typeof chatSearchHitJsonSchema>;

/** `truncated`: only the most recently updated chats were searched. */
export const chatSearchJsonSchema = z.strictObject({
  hits: z.array(chatSearchHitJsonSchema),
  truncated: z.boolean().meta({ description: "Only the most recently updated chats were searched." }),
});

export type ChatSearchJson = z.infer<typeof chatSearchJsonSchema>;

export function toChatSearchJson({ hits, truncated }: ChatSearchResult): ChatSearchJson {
  return {
    hits: hits.map((hit) => ({ chat: toChatSummaryJson(hit.chat), messageId: hit.messageId ?? null, snippet: hit.snippet })),
    truncated,
  };
}
