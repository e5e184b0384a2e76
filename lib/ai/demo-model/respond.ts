import type { LanguageModelV4CallOptions, LanguageModelV4FinishReason, LanguageModelV4Usage } from "@ai-sdk/provider";
import { estimateTextTokens } from "../estimate-tokens";
import { composeAnswer } from "./compose-answer";
import { composeCannedAnswer } from "./canned-answer";
import { planToolCalls } from "./plan-tool-calls";
import { readPrompt } from "./read-prompt";
import { tokenize } from "./tokenize";
import { estimatePromptTokens, usageOf } from "./usage";

type DemoToolCall = { toolCallId: string; toolName: string; input: string };

/** Everything one model call answers, decided up front so streaming it costs no more work. */
export type DemoResponse = { finishReason: LanguageModelV4FinishReason; usage: LanguageModelV4Usage } & (
  | { kind: "tool-calls"; calls: DemoToolCall[] }
  | { kind: "text"; tokens: string[] }
);

/** Per call of a tool, a small fixed overhead on top of its input, as real models count. */
const TOKENS_PER_TOOL_CALL = 8;

export function respond(
  options: Pick<LanguageModelV4CallOptions, "prompt" | "tools" | "toolChoice" | "maxOutputTokens">,
  generateToolCallId: () => string,
): DemoResponse {
  const inputTokens = estimatePromptTokens(options.prompt);
  const turn = readPrompt(options.prompt);

  if (turn.kind === "plan") {
    const planned = planToolCalls(turn.question, availableToolNames(options));
    if (planned.length > 0) {
      const calls = planned.map(({ toolName, input }) => ({
        toolCallId: generateToolCallId(),
        toolName,
        input: JSON.stringify(input),
      }));
      const outputTokens = calls.reduce((sum, call) => sum + TOKENS_PER_TOOL_CALL + estimateTextTokens(call.input), 0);
      return {
        kind: "tool-calls",
        calls,
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: usageOf(inputTokens, outputTokens),
      };
    }
  }

  const text = turn.kind === "answer" ? composeAnswer(turn.question, turn.outcomes) : composeCannedAnswer(turn.question);
  const tokens = tokenize(text);
  const limit = options.maxOutputTokens;
  if (limit !== undefined && limit >= 0 && tokens.length > limit) {
    return {
      kind: "text",
      tokens: tokens.slice(0, limit),
      finishReason: { unified: "length", raw: "length" },
      usage: usageOf(inputTokens, limit),
    };
  }
  return {
    kind: "text",
    tokens,
    finishReason: { unified: "stop", raw: "stop" },
    usage: usageOf(inputTokens, tokens.length),
  };
}

/** The function tools offered to this call, narrowed by `toolChoice` as a real model would honour it. */
function availableToolNames({ tools, toolChoice }: Pick<LanguageModelV4CallOptions, "tools" | "toolChoice">): Set<string> {
  if (toolChoice?.type === "none") return new Set();
  const names = new Set((tools ?? []).filter((tool) => tool.type === "function").map((tool) => tool.name));
  if (toolChoice?.type === "tool") return names.has(toolChoice.toolName) ? new Set([toolChoice.toolName]) : new Set();
  return names;
}
