import type { LanguageModelUsage, TextStreamPart, ToolSet } from "ai";
import type { ChatModel } from "@/lib/ai/chat-model";
import { tokenCost } from "@/lib/ai/token-cost";
import type { AnswerUsage } from "@/lib/message/answer-usage";
import type { MessageMetadata } from "@/lib/message/message-metadata";

type MetadataOfPart = (options: { part: TextStreamPart<ToolSet> }) => MessageMetadata | undefined;

/**
 * `metadata` (the answer's `messageMetadata`) with the answer's usage added: as each model call
 * starts and reports, and again when the answer ends however it ends. So a stopped, failed or
 * interrupted answer keeps the usage that was reported and counts the calls that were not.
 */
export function withAnswerUsage(metadata: MetadataOfPart, price: ChatModel["price"]): MetadataOfPart {
  const meter = new AnswerUsageMeter(price);
  return ({ part }) => {
    const own = metadata({ part });
    const usage = meter.observe(part);
    return usage ? { ...own, usage } : own;
  };
}

/** The answer's usage, summed from the stream's steps: each step is one model call. */
class AnswerUsageMeter {
  readonly #price: ChatModel["price"];
  #calls = 0;
  #reportedCalls = 0;
  #inputTokens = 0;
  #outputTokens = 0;
  #reasoningTokens: number | undefined;
  #cachedInputTokens: number | undefined;

  constructor(price: ChatModel["price"]) {
    this.#price = price;
  }

  /** The usage after `part`, when the part changes it or ends the answer. */
  observe(part: TextStreamPart<ToolSet>): AnswerUsage | undefined {
    switch (part.type) {
      case "start-step":
        this.#calls += 1;
        return this.#usage();
      case "finish-step":
        this.#add(part.usage);
        return this.#usage();
      case "finish":
      case "abort":
      case "error":
        return this.#usage();
      default:
        return undefined;
    }
  }

  #add(usage: LanguageModelUsage): void {
    // Half a report (input without output, or the reverse) would understate the call: it counts as unreported.
    if (usage.inputTokens === undefined || usage.outputTokens === undefined) return;
    this.#reportedCalls += 1;
    this.#inputTokens += usage.inputTokens;
    this.#outputTokens += usage.outputTokens;
    const { reasoningTokens } = usage.outputTokenDetails;
    const { cacheReadTokens } = usage.inputTokenDetails;
    if (reasoningTokens !== undefined) this.#reasoningTokens = (this.#reasoningTokens ?? 0) + reasoningTokens;
    if (cacheReadTokens !== undefined) this.#cachedInputTokens = (this.#cachedInputTokens ?? 0) + cacheReadTokens;
  }

  #usage(): AnswerUsage {
    const usage: AnswerUsage = { calls: this.#calls, reportedCalls: this.#reportedCalls };
    if (this.#reportedCalls === 0) return usage;
    const tokens = { inputTokens: this.#inputTokens, outputTokens: this.#outputTokens };
    return {
      ...usage,
      ...tokens,
      ...(this.#reasoningTokens !== undefined ? { reasoningTokens: this.#reasoningTokens } : {}),
      ...(this.#cachedInputTokens !== undefined ? { cachedInputTokens: this.#cachedInputTokens } : {}),
      ...(this.#price ? { cost: tokenCost(tokens, this.#price) } : {}),
    };
  }
}
