import { safeParseJSON } from "@ai-sdk/provider-utils";
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  NoOutputGeneratedError,
  StreamProviderError,
  streamText,
} from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ParleyError } from "@/lib/errors";
import { ToolFailure } from "@/lib/tools/tool-errors";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/test/fixtures/fake-openai/server";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { modelServedBy } from "@/test/support/model-served-by-fake";
import type { ModelEntry } from "./model-config";
import { classifyModelFailure, retryMayHelp, type ModelFailure } from "./model-failure";

// Model failures as the AI SDK hands them over: from the app's models over real HTTP against the
// fake OpenAI server (the error bodies of OpenAI and of the OpenAI-compatible servers), through
// each provider package the app uses, and the errors the SDK throws when it cannot read a
// response, built the way it builds them.

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(() => fake.close());

type Turn = ScenarioInput["turns"][number];

/** An HTTP error answer with OpenAI's body `{ error: { message, type, param, code } }`. */
const httpError = (status: number, body: { message: string; errorType?: string; code?: string | null }): Turn => ({
  type: "http-error",
  status,
  ...body,
  retryAfterMs: 5,
});

const maximumContextLength =
  "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (4904 in the messages, 4096 in the completion). Please reduce the length of the messages or completion.";

const cases: Array<[string, Turn, Partial<ModelFailure>]> = [
  [
    "OpenAI: context_length_exceeded",
    httpError(400, { message: maximumContextLength, errorType: "invalid_request_error", code: "context_length_exceeded" }),
    { kind: "context-overflow", statusCode: 400 },
  ],
  [
    "Groq: context_length_exceeded with a message that names no context",
    httpError(400, { message: "Please reduce the length of the messages or completion.", errorType: "invalid_request_error", code: "context_length_exceeded" }),
    { kind: "context-overflow" },
  ],
  [
    "vLLM: BadRequestError, code 400",
    httpError(400, { message: maximumContextLength, errorType: "BadRequestError", code: "400" }),
    { kind: "context-overflow" },
  ],
  [
    "DeepSeek: a generic code",
    httpError(400, { message: maximumContextLength, errorType: "invalid_request_error", code: "invalid_request_error" }),
    { kind: "context-overflow" },
  ],
  [
    "llama.cpp: exceed_context_size_error",
    httpError(400, {
      message: "request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it",
      errorType: "exceed_context_size_error",
      code: "400",
    }),
    { kind: "context-overflow" },
  ],
  [
    "Ollama: prompt too long",
    httpError(400, { message: "prompt too long; exceeded max context length by 808 tokens", errorType: "api_error", code: null }),
    { kind: "context-overflow" },
  ],
  [
    "LM Studio: tokens to keep greater than the context length",
    httpError(400, {
      message: "The number of tokens to keep from the initial prompt is greater than the context length.",
      errorType: "invalid_request_error",
      code: null,
    }),
    { kind: "context-overflow" },
  ],
  [
    "OpenAI: an account out of credit (429 insufficient_quota)",
    httpError(429, {
      message: "You exceeded your current quota, please check your plan and billing details.",
      errorType: "insufficient_quota",
      code: "insufficient_quota",
    }),
    { kind: "out-of-credit", statusCode: 429 },
  ],
  [
    "an invalid API key (401)",
    httpError(401, { message: "Incorrect API key provided: sk-live-****1234.", errorType: "invalid_request_error", code: "invalid_api_key" }),
    { kind: "access-refused", statusCode: 401 },
  ],
  [
    "no such model (404)",
    httpError(404, { message: "The model `gpt-nope` does not exist.", errorType: "invalid_request_error", code: "model_not_found" }),
    { kind: "model-not-found", statusCode: 404 },
  ],
  [
    "Azure OpenAI: content_filter",
    httpError(400, {
      message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      errorType: "invalid_request_error",
      code: "content_filter",
    }),
    { kind: "content-refused" },
  ],
  [
    "OpenAI: a prompt flagged under the usage policy (invalid_prompt)",
    httpError(400, {
      message: "Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.",
      errorType: "invalid_request_error",
      code: "invalid_prompt",
    }),
    { kind: "content-refused" },
  ],
  ["another invalid request (400)", httpError(400, { message: "Invalid value for 'temperature'.", errorType: "invalid_request_error", code: null }), { kind: "request-refused" }],
  [
    "a rate limit (429), after the retries",
    httpError(429, { message: "Rate limit reached for requests per min (RPM).", errorType: "requests", code: "rate_limit_exceeded" }),
    { kind: "rate-limited", statusCode: 429, attempts: 3 },
  ],
  ["an overloaded server (503), after the retries", httpError(503, { message: "The server is overloaded or not ready yet." }), { kind: "provider-error", statusCode: 503, attempts: 3 }],
  [
    "context_length_exceeded as the stream's error event, before any output",
    { type: "stream-error", code: "context_length_exceeded", message: "Your input exceeds the context window of this model." },
    { kind: "context-overflow" },
  ],
  [
    "server_error as the stream's error event, in the middle of the answer",
    { type: "stream-error", text: "The first half" },
    { kind: "provider-error-mid-answer" },
  ],
  ["the connection cut in the middle of the answer", { type: "stream-error", text: "The first half", failure: "destroy" }, { kind: "connection-cut" }],
];

const finalKinds = new Set(["context-overflow", "out-of-credit", "access-refused", "model-not-found", "content-refused", "request-refused", "invalid-response"]);

const packages: Array<[string, Pick<ModelEntry, "provider" | "api">]> = [
  ["@ai-sdk/openai, Responses API", { provider: "openai", api: "responses" }],
  ["@ai-sdk/openai, Chat Completions", { provider: "openai", api: "chat" }],
  ["@ai-sdk/openai-compatible, Chat Completions", { provider: "openai-compatible" }],
];

describe.each(packages)("classifyModelFailure over HTTP (%s)", (_package, entry) => {
  /** The errors the app's model ends with, retrying as the app does (twice). */
  async function errorsOf(turn: Turn): Promise<unknown[]> {
    const { model } = modelServedBy(fake, entry);
    const scenario = fake.addScenario({ turns: [turn] });
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: `${scenario.marker} Hi`, maxRetries: 2, onError: ({ error }) => void errors.push(error) });
    try {
      for await (const part of result.stream) void part;
    } catch (error) {
      // A connection cut mid-body breaks the stream itself rather than arriving as an error part.
      errors.push(error);
    }
    return errors;
  }

  it.each(cases)("%s", async (_name, turn, expected) => {
    const errors = await errorsOf(turn);
    expect(errors).toHaveLength(1);
    const failure = classifyModelFailure(errors[0]);
    expect(failure).toMatchObject(expected);
    if (!failure) throw new Error("expected a model failure");
    expect(retryMayHelp(failure)).toBe(!finalKinds.has(failure.kind));
  });

  it("a stream that ends without a finish reason: a cut connection where the package calls it an error", async () => {
    const errors = await errorsOf({ type: "stream-error", text: "The first half", failure: "end" });
    // @ai-sdk/openai finishes such a stream as "interrupted" instead (see stream-chat.ts).
    if (entry.provider === "openai") expect(errors).toEqual([]);
    else expect(errors.map((error) => classifyModelFailure(error))).toEqual([{ kind: "connection-cut" }]);
  });
});

describe("classifyModelFailure of what the SDK cannot read", () => {
  it("a Chat Completions chunk of another shape: Mistral's tool calls carry no index", async () => {
    // Mistral's wire format for a streamed tool call, read with the part of OpenAI's chunk schema it breaks.
    const mistralChunk = JSON.stringify({
      id: "5f0e2a9c41d64b7f",
      object: "chat.completion.chunk",
      created: 1_796_000_000,
      model: "mistral-small-latest",
      choices: [
        {
          index: 0,
          delta: { content: null, tool_calls: [{ id: "Xb3kQ9rTz", function: { name: "getWeather", arguments: '{"city": "Paris"}' } }] },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
    });
    const openAIToolCallChunk = z.object({
      choices: z.array(z.object({ delta: z.object({ tool_calls: z.array(z.object({ index: z.number() })).nullish() }) })),
    });
    const parsed = await safeParseJSON({ text: mistralChunk, schema: openAIToolCallChunk });
    if (parsed.success) throw new Error("expected the chunk to be refused");

    expect(parsed.error.name).toBe("AI_TypeValidationError");
    expect(classifyModelFailure(parsed.error)).toEqual({ kind: "invalid-response" });
  });

  it.each([
    [
      "JSON that does not parse",
      async () => {
        const parsed = await safeParseJSON({ text: '{"choices":[{"delta":' });
        if (parsed.success) throw new Error("expected broken JSON to be refused");
        return parsed.error;
      },
    ],
    ["a tool call without a name", () => new InvalidResponseDataError({ data: { index: 0 }, message: "Expected 'function.name' to be a string." })],
    ["an empty body", () => new EmptyResponseBodyError()],
    ["a stream that ended without a finish", () => new NoOutputGeneratedError({ message: "No output generated. The model stream ended without a finish chunk." })],
  ])("%s", async (_name, build: () => Error | Promise<Error>) => {
    const failure = classifyModelFailure(await build());
    expect(failure).toEqual({ kind: "invalid-response" });
    expect(failure && retryMayHelp(failure)).toBe(false);
  });
});

describe("classifyModelFailure of what is not a model failure", () => {
  it.each([
    ["a quota of ours", new ParleyError("rate_limited", "Today's token budget is used up.")],
    ["a tool's failure", new ToolFailure("The weather service answered with HTTP 500.")],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'x')")],
  ])("%s", (_name, error) => {
    expect(classifyModelFailure(error)).toBeUndefined();
  });

  it("an APICallError without a status is a provider that could not be reached", () => {
    const error = new APICallError({ message: "Cannot connect to API: connect ECONNREFUSED", url: "http://127.0.0.1:1/v1", requestBodyValues: {}, isRetryable: true });
    expect(classifyModelFailure(error)).toEqual({ kind: "unreachable" });
  });

  it("a mid-stream error event without a status is the provider's passing trouble", () => {
    expect(classifyModelFailure(new StreamProviderError({ message: "internal", type: "server_error" }))).toEqual({ kind: "provider-error-mid-answer" });
  });
});
