import { z } from "zod";

const tokens = z.number().int().min(0);

/**
 * What one answer used, summed over its model calls (one per step) as their servers reported it.
 * A call whose usage is not known, because its server reports none (Ollama's streams) or it was
 * stopped or failed before its end, counts in `calls` but not in `reportedCalls` and adds no
 * tokens: the numbers are never estimated. The token counts are absent until a call reports them.
 */
export const answerUsageSchema = z.object({
  calls: z.number().int().min(0),
  reportedCalls: z.number().int().min(0),
  inputTokens: tokens.optional(),
  outputTokens: tokens.optional(),
  /** Part of the output tokens, where the server tells. */
  reasoningTokens: tokens.optional(),
  /** Part of the input tokens, read from the provider's prompt cache, where the server tells. */
  cachedInputTokens: tokens.optional(),
  /** US dollars at the model's price when the answer was written (a later price does not rewrite it); absent without a price. */
  cost: z.number().min(0).optional(),
});

export type AnswerUsage = z.infer<typeof answerUsageSchema>;
