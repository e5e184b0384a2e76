import type { ChatSearchHit, ChatSearchResult, ChatSummary } from "../chat-store";
import { searchableText } from "../search/searchable-text";
import { type SearchTerms, parseSearchQuery, textMatches } from "../search/search-terms";
import { snippetOf } from "../search/snippet";
import { type ChatTable, queryAll, queryPages } from "./chat-table";
import { type ChatItem, TornReadError, readChatPartition, toSummary } from "./chat-items";
import { fromMessageChunks } from "./message-chunks";
import { CHATS_BY_RECENCY_INDEX, STREAM_LOG_SORT_KEY_PREFIX, chatPartitionKey, userChatsKey } from "./table-design";

// Search without a second service: the user's chats are listed from the recency index (their titles
// come with it), and the messages of those whose title does not match are read partition by
// partition and matched in code, newest chat first, until enough hits are found. What that costs,
// and up to which size it is fine: bench/README.md ("Search on DynamoDB").

/** Only the user's most recently updated chats are searched; past them a result short of `limit` says `truncated`. */
export const MAX_SEARCHED_CHATS = 500;
/** Chat partitions read at once. */
const PARALLEL_READS = 8;
/** A read torn by a concurrent replace is read again (strongly consistent) this often. */
const MAX_ATTEMPTS = 3;

export async function searchChatItems(table: ChatTable, userId: string, query: string, { limit }: { limit: number }): Promise<ChatSearchResult> {
  const terms = parseSearchQuery(query);
  if (!terms) return { hits: [], truncated: false };
  const chats = await recentChats(table, userId, MAX_SEARCHED_CHATS + 1);
  const hits: ChatSearchHit[] = [];
  for (let start = 0; start < Math.min(chats.length, MAX_SEARCHED_CHATS) && hits.length < limit; start += PARALLEL_READS) {
    const batch = chats.slice(start, Math.min(start + PARALLEL_READS, MAX_SEARCHED_CHATS));
    const found = await Promise.all(batch.map((chat) => searchChat(table, userId, chat, terms)));
    hits.push(...found.filter((hit) => hit !== undefined));
  }
  // Enough hits: older chats would only add older hits. Otherwise, say when some chats were left out.
  return { hits: hits.slice(0, limit), truncated: hits.length < limit && chats.length > MAX_SEARCHED_CHATS };
}

/** The user's chats from the recency index, newest first. */
async function recentChats(table: ChatTable, userId: string, count: number): Promise<ChatSummary[]> {
  const chats: ChatSummary[] = [];
  for await (const page of queryPages(table, {
    IndexName: CHATS_BY_RECENCY_INDEX,
    KeyConditionExpression: "GSI1PK = :user",
    ExpressionAttributeValues: { ":user": userChatsKey(userId) },
    ScanIndexForward: false,
    Limit: count,
  })) {
    chats.push(...page.map((item) => toSummary(item as ChatItem)));
    if (chats.length >= count) break;
  }
  return chats.slice(0, count);
}

/** The chat's hit: its title when it matches (nothing else is read), else its latest matching message. */
async function searchChat(table: ChatTable, userId: string, chat: ChatSummary, terms: SearchTerms): Promise<ChatSearchHit | undefined> {
  if (textMatches(terms, chat.title)) return { chat, messageId: undefined, snippet: snippetOf(chat.title, terms) };
  for (let attempt = 1; ; attempt += 1) {
    // Eventually consistent at first (half the price): search may miss what was written a moment ago.
    const items = await queryAll(table, {
      KeyConditionExpression: "PK = :partition AND SK < :streamLog",
      ExpressionAttributeValues: { ":partition": chatPartitionKey(userId, chat.id), ":streamLog": STREAM_LOG_SORT_KEY_PREFIX },
      ConsistentRead: attempt > 1,
    });
    try {
      const partition = readChatPartition(items);
      if (!partition) return undefined;
      for (const { chunks } of partition.messages.toReversed()) {
        const message = await fromMessageChunks(chunks);
        const text = searchableText(message);
        if (textMatches(terms, text)) return { chat: toSummary(partition.chat), messageId: message.id, snippet: snippetOf(text, terms) };
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof TornReadError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
