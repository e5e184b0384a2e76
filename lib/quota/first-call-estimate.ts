import { asSchema } from "ai";
import { estimateJsonTokens } from "@/lib/ai/estimate-tokens";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";

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

// What a tool set adds to every call, worked out once per tool set.
const toolTokensBySet = new WeakMap<ToolDefinitions, Promise<number>>();

/**
 * The tokens to reserve for an answer's first model call before it is composed: its input,
 * estimated from the parts it will be made of, plus its maximum output.
 */
export async function estimateFirstCall({ instructions, messages, tools, maxOutputTokens, contextWindow }: FirstCall): Promise<number> {
  let toolTokens = toolTokensBySet.get(tools);
  if (!toolTokens) toolTokensBySet.set(tools, (toolTokens = estimateToolTokens(tools)));
  return Math.min(estimateJsonTokens(instructions, messages) + (await toolTokens) + maxOutputTokens, contextWindow);
}

async function estimateToolTokens(tools: ToolDefinitions): Promise<number> {
  const sent = await Promise.all(
    Object.entries(tools).map(async ([name, { tool }]) => ({ name, description: tool.description, inputSchema: await asSchema(tool.inputSchema).jsonSchema })),
  );
  return estimateJsonTokens(sent);
}
