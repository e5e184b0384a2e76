import type { LanguageModelV4Prompt, LanguageModelV4Usage } from "@ai-sdk/provider";
import { estimateTokensOfCharacters } from "../estimate-tokens";

// Rough counts, so usage metrics and quotas see plausible numbers: about four characters per
// token for input, the streamed tokens for output.
/** What an attached file would plausibly cost; the demo model does not read files. */
const TOKENS_PER_FILE = 256;

export function estimatePromptTokens(prompt: LanguageModelV4Prompt): number {
  let characters = 0;
  let files = 0;
  for (const message of prompt) {
    if (message.role === "system") {
      characters += message.content.length;
      continue;
    }
    for (const part of message.content) {
      switch (part.type) {
        case "text":
        case "reasoning":
          characters += part.text.length;
          break;
        case "tool-call":
          characters += part.toolName.length + (JSON.stringify(part.input)?.length ?? 0);
          break;
        case "tool-result":
          characters += part.toolName.length + (JSON.stringify(part.output)?.length ?? 0);
          break;
        case "file":
        case "reasoning-file":
          files++;
          break;
        default:
          break;
      }
    }
  }
  return estimateTokensOfCharacters(characters) + files * TOKENS_PER_FILE;
}

export function usageOf(inputTokens: number, outputTokens: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
