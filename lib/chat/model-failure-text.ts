import type { ModelFailure, ModelFailureKind } from "@/lib/ai/model-failure";

/**
 * What the user reads about each kind of model failure: what happened and what would help. Fixed
 * texts only: the provider's own message can quote the request, the key or the account.
 */
const TEXTS: Record<ModelFailureKind, (statusCode: string) => string> = {
  "rate-limited": () => "The model provider is rate limiting requests (HTTP 429)",
  "provider-error": (statusCode) => `The model provider answered with HTTP ${statusCode}`,
  "provider-error-mid-answer": (statusCode) => `The model provider failed in the middle of the answer${statusCode && ` (HTTP ${statusCode})`}`,
  "connection-cut": () => "The connection to the model provider broke off in the middle of the answer",
  unreachable: () => "The model provider could not be reached",
  "out-of-credit": () => "The model provider account is out of credit: its operator needs to add credit or raise the spending limit",
  "context-overflow": () => "This conversation is too long for the model to read at once, so trying again will not help: start a new chat",
  "access-refused": (statusCode) =>
    `The model provider refused the server's API key (HTTP ${statusCode || 401}): its operator needs to check the key and the account`,
  "model-not-found": () => "The model provider does not know the model this server asks for (HTTP 404): its operator needs to check the model name",
  "content-refused": () => "The model provider refused this request under its content policy. Asking differently, in a new message, may help",
  "request-refused": (statusCode) => `The model provider refused the request as invalid (HTTP ${statusCode || 400}), so trying again will not help`,
  "invalid-response": () =>
    "The model provider sent a response that could not be read, so trying again will not help: the server's operator needs to check the model settings",
};

export function modelFailureText({ kind, statusCode, attempts }: ModelFailure): string {
  const text = TEXTS[kind](statusCode === undefined ? "" : String(statusCode));
  // Retries tell the user it was not for lack of trying; a final failure is asked once.
  const tries = attempts === undefined || attempts < 2 ? "" : ` (tried ${attempts} times)`;
  return `${text}${tries}.`;
}
