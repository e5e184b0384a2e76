import { createHash } from "node:crypto";
import { isToolUIPart } from "ai";
import { loadTokenizer, tokensAtMost } from "@/lib/ai/count-tokens";
import type { ChatMessage } from "@/lib/message/chat-message";

/** What a chat template adds around each message (role markers, separators), and a little more. */
const TOKENS_PER_MESSAGE = 8;

/**
 * Left free of the window: the tokenizer here is OpenAI's, and other models' tokenizers count the
 * same text a little differently.
 */
const MARGIN_SHARE = 0.1;

export type ContextLimits = {
  /** Tokens the model reads and writes in one call. */
  contextWindow: number;
  /** Tokens kept free for the answer (its `maxOutputTokens`). */
  outputTokens: number;
  /** Sent with every call besides the messages: the instructions and the tools' names, descriptions and schemas. */
  fixedText: string;
};

export type FittedHistory = {
  messages: ChatMessage[];
  /** How many of the oldest messages were left out to fit; 0 when all were sent. */
  leftOut: number;
};

/**
 * The most a model call may write: the configured most, but no more than a quarter of a small
 * window, so a long chat still leaves room for its answer.
 */
export function outputTokensFor(contextWindow: number, maxOutputTokens: number): number {
  return Math.min(maxOutputTokens, Math.floor(contextWindow / 4));
}

/**
 * The conversation cut to what fits the model's context window: the oldest turns go first, each
 * whole (a user message with every answer, tool call and tool result after it, so no call is ever
 * sent without its result); the last turn, the question being answered, always stays. Counted with
 * a tokenizer, and only when an upper bound says it might not fit.
 */
export async function fitToContext(messages: ChatMessage[], limits: ContextLimits): Promise<FittedHistory> {
  const budget = limits.contextWindow * (1 - MARGIN_SHARE) - limits.outputTokens;
  const texts = messages.map(countedText);
  const upperBound = tokensAtMost(limits.fixedText) + texts.reduce((sum, text) => sum + tokensAtMost(text) + TOKENS_PER_MESSAGE, 0);
  if (upperBound <= budget) return { messages, leftOut: 0 };

  const tokenizer = await loadTokenizer();
  const countTokens = (text: string) => countedTokens(text, tokenizer.countTokens);
  let remaining = budget - countTokens(limits.fixedText);
  const turns = turnStarts(messages);
  let firstKept = turns.at(-1) ?? 0;
  // Newest turn first; the last one is kept whatever it costs.
  for (let turn = turns.length - 1; turn >= 0; turn -= 1) {
    const start = turns[turn] ?? 0;
    const end = turns[turn + 1] ?? messages.length;
    const cost = texts.slice(start, end).reduce((sum, text) => sum + countTokens(text) + TOKENS_PER_MESSAGE, 0);
    if (turn < turns.length - 1 && cost > remaining) break;
    remaining -= cost;
    firstKept = start;
  }
  return { messages: messages.slice(firstKept), leftOut: firstKept };
}

/**
 * Counts by text, remembered: a long chat sends the same stored messages with each question, and
 * counting them is the costly part of fitting. The oldest counts go first past MAX_REMEMBERED_COUNTS.
 */
const MAX_REMEMBERED_COUNTS = 20_000;
const rememberedCounts = new Map<string, number>();

function countedTokens(text: string, countTokens: (text: string) => number): number {
  // Short texts cost less to count than to remember.
  if (text.length < 256) return countTokens(text);
  // By digest, not by text: hashing costs far less than tokenizing, and 20 bytes to keep.
  const key = createHash("sha1").update(text).digest("base64");
  const known = rememberedCounts.get(key);
  if (known !== undefined) return known;
  const count = countTokens(text);
  if (rememberedCounts.size >= MAX_REMEMBERED_COUNTS) rememberedCounts.delete(rememberedCounts.keys().next().value as string);
  rememberedCounts.set(key, count);
  return count;
}

/** Where each turn begins: at each user message (anything before the first belongs to the first). */
function turnStarts(messages: ChatMessage[]): number[] {
  const starts = messages.flatMap((message, index) => (message.role === "user" && index > 0 ? [index] : []));
  return [0, ...starts];
}

/** What of a message reaches the model: its text, its reasoning, and its tool calls with their results. */
function countedText(message: ChatMessage): string {
  return message.parts
    .map((part) => {
      if (part.type === "text" || part.type === "reasoning") return part.text;
      if (!isToolUIPart(part)) return "";
      const result = part.state === "output-available" ? JSON.stringify(part.output) : part.state === "output-error" ? part.errorText : "";
      return `${JSON.stringify(part.input) ?? ""}${result ?? ""}`;
    })
    .join("\n");
}
