import { APICallError, NoSuchToolError, RetryError, StreamProviderError } from "ai";
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

describe("toSafeStreamErrorText", () => {
  it.each([
    [new ToolFailure("The weather service answered with HTTP 500."), "The weather service answered with HTTP 500."],
    [new ToolTimeoutError(2_000), "The tool did not answer within 2 s and was stopped."],
    [toModelSafeError(new Error("ECONNREFUSED postgres://a:b@db")), "The tool failed unexpectedly."],
    [new NoSuchToolError({ toolName: "rm_rf" }), "The model called a tool that does not exist."],
    [providerError(500), "The model provider answered with HTTP 500."],
    [providerError(429), "The model provider is rate limiting requests (HTTP 429)."],
    [providerError(401), "The model provider refused the credentials (HTTP 401)."],
    [providerError(undefined), "The model provider could not be reached."],
    [providerError(200), "The connection to the model provider broke off in the middle of the answer."],
    [new StreamProviderError({ message: "internal detail", statusCode: 500, type: "server_error" }), "The model provider failed in the middle of the answer (HTTP 500)."],
    [
      new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [providerError(503), providerError(503), providerError(503)] }),
      "The model provider answered with HTTP 503 (tried 3 times).",
    ],
    [new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app/lib/secret.ts:12"), "Something went wrong while answering. Please try again."],
  ])("%s", (error, expected) => {
    expect(toSafeStreamErrorText(error)).toBe(expected);
  });
});
