import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { estimateTokensOfCharacters } from "@/lib/ai/estimate-tokens";

/**
 * What one model call used, read from its stream parts as they pass: the usage the server reports
 * at the end, and where it reports none (some Ollama and vLLM set-ups), or the call never got that
 * far (stopped, failed), an estimate: the input as sent, and the output from the characters
 * produced so far.
 */
export class ModelCallUsage {
  /** The input as sent, estimated. */
  readonly estimatedInputTokens: number;
  #reportedInputTokens: number | undefined;
  #reportedOutputTokens: number | undefined;
  #outputCharacters = 0;
  /** Tool calls that arrived in pieces (already counted when the whole call follows). */
  readonly #streamedToolInputs = new Set<string>();

  constructor(estimatedInputTokens: number) {
    this.estimatedInputTokens = estimatedInputTokens;
  }

  observe(part: LanguageModelV4StreamPart): void {
    switch (part.type) {
      case "text-delta":
      case "reasoning-delta":
        this.#outputCharacters += part.delta.length;
        return;
      case "tool-input-start":
        this.#streamedToolInputs.add(part.id);
        this.#outputCharacters += part.toolName.length;
        return;
      case "tool-input-delta":
        this.#outputCharacters += part.delta.length;
        return;
      case "tool-call":
        if (!this.#streamedToolInputs.has(part.toolCallId)) this.#outputCharacters += part.toolName.length + part.input.length;
        return;
      case "finish":
        this.#reportedInputTokens = part.usage.inputTokens.total;
        this.#reportedOutputTokens = part.usage.outputTokens.total;
        return;
      default:
        return;
    }
  }

  /** The tokens used so far: as reported where the server reported them, estimated where not. */
  get tokens(): number {
    const input = this.#reportedInputTokens ?? this.estimatedInputTokens;
    return input + (this.#reportedOutputTokens ?? estimateTokensOfCharacters(this.#outputCharacters));
  }
}
