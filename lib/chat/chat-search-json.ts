import type { ChatSearchResult, SnippetPart } from "@/lib/store/chat-store";
import { type ChatSummaryJson, toChatSummaryJson } from "./chat-json";

// The API's shape of a search: each hit names its chat, the message it matched at (null: the
// title), and a snippet as parts of text, the matched words marked (never markup).

export type ChatSearchHitJson = { chat: ChatSummaryJson; messageId: string | null; snippet: SnippetPart[] };
/** `truncated`: only the most recently updated chats were searched. */
export type ChatSearchJson = { hits: ChatSearchHitJson[]; truncated: boolean };

export function toChatSearchJson({ hits, truncated }: ChatSearchResult): ChatSearchJson {
  return {
    hits: hits.map((hit) => ({ chat: toChatSummaryJson(hit.chat), messageId: hit.messageId ?? null, snippet: hit.snippet })),
    truncated,
  };
}
