import { providerErrorFields } from "./provider-error-fields";

/** The codes servers give the error: OpenAI and Groq (`code`), llama.cpp (`type`). */
const CONTEXT_OVERFLOW_CODES = new Set(["context_length_exceeded", "exceed_context_size_error"]);

/**
 * How the servers that give no such code word it, each as documented or seen in their answers:
 * OpenAI's Chat Completions, vLLM and DeepSeek ("This model's maximum context length is 8192
 * tokens. However, you requested…"), Mistral ("Prompt contains 40000 tokens, too large for model
 * with 32768 maximum context length"), OpenAI's Responses API ("Your input exceeds the context
 * window of this model"), llama.cpp ("request (4476 tokens) exceeds the available context size
 * (4096 tokens)"), Ollama ("the input length exceeds the context length", "prompt too long;
 * exceeded max context length by 4096 tokens"), LM Studio ("…is greater than the context length").
 */
const CONTEXT_OVERFLOW_MESSAGE =
  /maximum context length|exceeds? (?:the )?(?:available )?context (?:size|length|window)|exceeded (?:max )?context length|greater than the context length/;

/**
 * Whether a provider refused the request because the conversation does not fit the model's
 * context window: the same conversation is refused again however often it is sent.
 */
export function isContextOverflow(error: unknown): boolean {
  const { codes, messages } = providerErrorFields(error);
  return codes.some((code) => CONTEXT_OVERFLOW_CODES.has(code)) || messages.some((message) => CONTEXT_OVERFLOW_MESSAGE.test(message));
}
