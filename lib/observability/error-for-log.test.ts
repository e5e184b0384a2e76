import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { errorForLog } from "./error-for-log";

describe("errorForLog", () => {
  it("keeps the name and message, without the stack", () => {
    const logged = errorForLog(new TypeError("fetch failed"));
    expect(logged).toEqual({ name: "TypeError", message: "fetch failed" });
  });

  it("keeps a provider error's status code, not its URL, request or response body", () => {
    const error = new APICallError({
      message: "Rate limit reached for requests",
      url: "https://api.openai.com/v1/responses?api_key=sk-secretsecretsecret",
      requestBodyValues: { input: "the user's question" },
      statusCode: 429,
      responseBody: '{"error":"rate limited for org-123"}',
    });
    const logged = errorForLog(error);
    expect(logged).toEqual({ name: "AI_APICallError", message: "Rate limit reached for requests", statusCode: 429 });
  });

  it("scrubs credentials from messages and caps their length", () => {
    const logged = errorForLog(new Error(`connect to postgres://admin:hunter2@db/prod failed, token=abc ${"x".repeat(2_000)}`));
    expect(logged.message).not.toContain("hunter2");
    expect(logged.message).not.toContain("abc");
    expect(logged.message.length).toBeLessThanOrEqual(501);
  });

  it("describes thrown values that are not errors", () => {
    expect(errorForLog("boom")).toEqual({ name: "string", message: "boom" });
  });
});
