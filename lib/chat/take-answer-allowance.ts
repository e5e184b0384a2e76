import type { ChatModel } from "@/lib/ai/chat-model";
import { chatInstructions } from "@/lib/ai/instructions";
import type { Env } from "@/lib/env";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { AnswerTokens } from "@/lib/quota/answer-tokens";
import { takeMessageAllowance, type QuotaLimits } from "@/lib/quota/quota";
import type { UsageCounters } from "@/lib/store/usage-counters";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { outputTokensFor } from "./fit-to-context";

type AnswerAllowance = {
  /** The conversation the answer follows. */
  messages: ChatMessage[];
  tools: ToolDefinitions;
  chatModel: ChatModel;
  env: Pick<Env, "MAX_OUTPUT_TOKENS">;
  now: () => number;
};

/**
 * Takes from the user's quotas what one answer of `chatModel` to `messages` needs, before anything
 * is stored or sent to the model (see `takeMessageAllowance`); nothing without quotas.
 */
export async function takeAnswerAllowance(
  usage: UsageCounters,
  userId: string,
  quotas: QuotaLimits | undefined,
  { messages, tools, chatModel, env, now }: AnswerAllowance,
): Promise<AnswerTokens | undefined> {
  if (!quotas) return undefined;
  return takeMessageAllowance(usage, userId, quotas, {
    instructions: chatInstructions,
    messages,
    tools,
    maxOutputTokens: outputTokensFor(chatModel.contextWindow, env.MAX_OUTPUT_TOKENS),
    contextWindow: chatModel.contextWindow,
    now,
  });
}
