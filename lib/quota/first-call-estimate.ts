import { estimateJsonTokens, estimateTokensOfCharacters } from "@/lib/ai/estimate-tokens";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { toolsAsSentText } from "@/lib/tools/tools-as-sent";

export type FirstCall = {
  /** The system prompt. */
  instructions: string;
  /** The conversation as stored: its JSON is longer than what the model is sent, so it errs high. */
  messages: unknown;
  /** The tools offered: each call sends their names, descriptions and input schemas. */
  tools: ToolDefinitions;
  /** The most one model call may write. */
  maxOutputTokens: number;
  /**
   * The model's context window: no call reads and writes more, however long the stored chat (what
   * is sent is fitted to it, lib/chat/fit-to-context.ts).
   */
  contextWindow: number;
};

/**
 * The tokens to reserve for an answer's first model call before it is composed: its input,
 * estimated from the parts it will be made of, plus its maximum output.
 */
export async function estimateFirstCall({ instructions, messages, tools, maxOutputTokens, contextWindow }: FirstCall): Promise<number> {
  const toolTokens = estimateTokensOfCharacters((await toolsAsSentText(tools)).length);
  return Math.min(estimateJsonTokens(instructions, messages) + toolTokens + maxOutputTokens, contextWindow);
}
