import { providerErrorFields } from "./provider-error-fields";

/** Azure OpenAI's `content_filter`, OpenAI's `content_policy_violation`. */
const CONTENT_REFUSAL_CODES = new Set(["content_filter", "content_policy_violation"]);

/**
 * How the refusals are worded where the code is a generic one: Azure's "The response was filtered
 * due to the prompt triggering Azure OpenAI's content management policy", OpenAI's "Invalid
 * prompt: your prompt was flagged as potentially violating our usage policy" (`invalid_prompt`).
 */
const CONTENT_REFUSAL_MESSAGE = /content management policy|violating our usage policy/;

/** Whether a provider refused the request under its content policy: asking the same again gets the same refusal. */
export function isContentRefusal(error: unknown): boolean {
  const { codes, messages } = providerErrorFields(error);
  return codes.some((code) => CONTENT_REFUSAL_CODES.has(code)) || messages.some((message) => CONTENT_REFUSAL_MESSAGE.test(message));
}
