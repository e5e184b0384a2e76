import { APICallError, JSONParseError, NoSuchToolError, RetryError, StreamProviderError } from "ai";
import { describe, expect, it } from "vitest";
import { toModelSafeError } from "@/lib/tools/scrub-secrets";
import { ToolFailure, ToolTimeoutError } from "@/lib/tools/tool-errors";
import { toSafeStreamErrorText } from "./stream-error-text";

const providerError = (statusCode: number | undefined) =>
  new APICallError({
    message: "boom",
    url: "https://api.openai.com/v1/responses",
    requestBodyValues: { apiKey: "sk-live-secret" },
    statusCode,
    isRetryable: true,
  });

/** OpenAI's billing error: the same 429 as a rate limit, told apart by its code. */
const outOfCredit = (data: unknown) =>
  new APICallError({ message: "You exceeded your current quota.", url: "https://api.openai.com/v1/responses", requestBodyValues: {}, statusCode: 429, data });
/** What OpenAI answers a conversation longer than the model's context window; the message quotes the request, never shown. */
const contextOverflow = new APICallError({
  message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
  url: "https://api.openai.com/v1/chat/completions",
  requestBodyValues: {},
  statusCode: 400,
  data: { error: { message: "…", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } },
});
const outOfCreditText = "The model provider account is out of credit: its operator needs to add credit or raise the spending limit.";

describe("toSafeStreamErrorText", () => {
  it.each([
    [new ToolFailure("The weather service answered with HTTP 500."), "The weather service answered with HTTP 500."],
    [new ToolTimeoutError(2_000), "The tool did not answer within 2 s and was stopped."],
    [toModelSafeError(new Error("ECONNREFUSED postgres://a:b@db")), "The tool failed unexpectedly."],
    [new NoSuchToolError({ toolName: "rm_rf" }), "The model called a tool that does not exist."],
    [providerError(500), "The model provider answered with HTTP 500."],
    [providerError(429), "The model provider is rate limiting requests (HTTP 429)."],
    [providerError(401), "The model provider refused the server's API key (HTTP 401): its operator needs to check the key and the account."],
    [providerError(404), "The model provider does not know the model this server asks for (HTTP 404): its operator needs to check the model name."],
    [providerError(400), "The model provider refused the request as invalid (HTTP 400), so trying again will not help."],
    [
      contextOverflow,
      "This conversation is too long for the model to read at once, so trying again will not help: start a new chat.",
    ],
    [
      new JSONParseError({ text: '{"choices":[', cause: new SyntaxError("Unexpected end of JSON input") }),
      "The model provider sent a response that could not be read, so trying again will not help: the server's operator needs to check the model settings.",
    ],
    [providerError(undefined), "The model provider could not be reached."],
    [providerError(200), "The connection to the model provider broke off in the middle of the answer."],
    [new StreamProviderError({ message: "internal detail", statusCode: 500, type: "server_error" }), "The model provider failed in the middle of the answer (HTTP 500)."],
    [
      new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [providerError(503), providerError(503), providerError(503)] }),
      "The model provider answered with HTTP 503 (tried 3 times).",
    ],
    [outOfCredit({ error: { message: "…", type: "insufficient_quota", param: null, code: "insufficient_quota" } }), outOfCreditText],
    [outOfCredit({ type: "response.failed", response: { error: { code: "insufficient_quota", message: "…" } } }), outOfCreditText],
    [new StreamProviderError({ message: "…", statusCode: 429, code: "insufficient_quota" }), outOfCreditText],
    [new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app/lib/secret.ts:12"), "Something went wrong while answering. Please try again."],
  ])("%s", (error, expected) => {
    expect(toSafeStreamErrorText(error)).toBe(expected);
  });
});
