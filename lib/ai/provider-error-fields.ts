import { APICallError, StreamProviderError } from "ai";

/** What a model provider said about a failure, to tell its kinds apart. Never shown to anyone. */
export type ProviderErrorFields = {
  /** `code` and `type` of the error, lower case (OpenAI's `context_length_exceeded`, llama.cpp's `exceed_context_size_error`). */
  codes: string[];
  /** The provider's own messages, and the raw body when the SDK could not parse it (vLLM's older `{ object: "error", message }`). */
  messages: string[];
};

/**
 * The codes and messages of a provider error: an HTTP error answer (`APICallError`, whose `data`
 * is the parsed body: `{ error }`, a stream's error event, or `response.failed`) or an error
 * event in the middle of a stream (`StreamProviderError`). Anything else has none.
 */
export function providerErrorFields(error: unknown): ProviderErrorFields {
  if (StreamProviderError.isInstance(error)) {
    return { codes: textsOf([error.code, error.type]), messages: textsOf([error.message, ...messagesIn(error.data)]) };
  }
  if (APICallError.isInstance(error)) {
    const details = detailsIn(error.data);
    return {
      codes: textsOf(details.flatMap((detail) => [detail?.code, detail?.type])),
      messages: textsOf([error.message, ...details.map((detail) => detail?.message), error.responseBody]),
    };
  }
  return { codes: [], messages: [] };
}

/** The body itself, its `error`, and a failed response's `response.error`: where OpenAI-compatible servers put code, type and message. */
function detailsIn(data: unknown): Array<Record<string, unknown> | undefined> {
  const body = asRecord(data);
  return [body, asRecord(body?.error), asRecord(asRecord(body?.response)?.error)];
}

function messagesIn(data: unknown): unknown[] {
  return detailsIn(data).map((detail) => detail?.message);
}

function textsOf(values: unknown[]): string[] {
  return values.flatMap((value) => (typeof value === "string" || typeof value === "number" ? [String(value).toLowerCase()] : []));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}
