import type { ChatCompletion as OpenAiChatCompletion, ChatCompletionChunk as OpenAiChatCompletionChunk } from "openai/resources/chat/completions";
import type { Model as OpenAiModel } from "openai/resources/models";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  completionUsageSchema,
  modelListSchema,
  openAiErrorBodySchema,
  toolActivitySchema,
  type ChatCompletion,
  type ChatCompletionChunk,
  type CompletionUsage,
  type ModelList,
  type OpenAiErrorBody,
  type ToolActivity,
} from "./completion-response-schema";

// Parley's /v1 answers must read as OpenAI's to the official client: each type is one of the
// client's own (checked by the compiler), and the schemas take what OpenAI documents, Parley's
// extensions included, and refuse a field out of place.

const weatherRun: ToolActivity = {
  id: "call_weather_1",
  name: "getWeather",
  status: "done",
  input: { city: "Paris" },
  output: { temperature: 21 },
  started_at: 1_765_000_000_000,
  duration_ms: 412,
  cached: false,
  truncated: false,
};

const usage: CompletionUsage = {
  prompt_tokens: 19,
  completion_tokens: 10,
  total_tokens: 29,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 4 },
};

const completion: ChatCompletion = {
  id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  object: "chat.completion",
  created: 1_741_569_952,
  model: "demo",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "It is 21 °C in Paris.", refusal: null, reasoning_content: "The tool said 21." },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage,
  parley: { chat_id: "a1b2c3", tool_activity: [weatherRun] },
};

const chunks: ChatCompletionChunk[] = [
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }], parley: { chat_id: "a1b2c3" } },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [{ index: 0, delta: { reasoning_content: "Looking it up." }, finish_reason: null }] },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [], parley: { tool_activity: { id: "call_weather_1", name: "getWeather", status: "running", input: { city: "Paris" }, started_at: 1_765_000_000_000 } } },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [], parley: { tool_activity: weatherRun } },
  {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1_741_569_952,
    model: "demo",
    choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_client_1", type: "function", function: { name: "openMap", arguments: "" } }] }, finish_reason: null }],
  },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }, finish_reason: null }] },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }], usage: null },
  { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_741_569_952, model: "demo", choices: [], usage },
];

const models: ModelList = { object: "list", data: [{ id: "demo", object: "model", created: 1_765_000_000, owned_by: "parley" }] };

const error: OpenAiErrorBody = { error: { message: "There is no model \"gpt-9\".", type: "invalid_request_error", param: "model", code: "model_not_found" } };

describe("the /v1 response schemas", () => {
  it("are types the official OpenAI client reads", () => {
    expectTypeOf<ChatCompletion>().toExtend<OpenAiChatCompletion>();
    expectTypeOf<ChatCompletionChunk>().toExtend<OpenAiChatCompletionChunk>();
    expectTypeOf<ModelList["data"][number]>().toExtend<OpenAiModel>();
  });

  it("take a completion, its chunks, a model list and an error as OpenAI documents them, with Parley's extensions", () => {
    expect(chatCompletionSchema.parse(completion)).toEqual(completion);
    for (const chunk of chunks) expect(chatCompletionChunkSchema.parse(chunk)).toEqual(chunk);
    expect(modelListSchema.parse(models)).toEqual(models);
    expect(openAiErrorBodySchema.parse(error)).toEqual(error);
    expect(completionUsageSchema.parse({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 })).toBeTruthy();
  });

  it("refuse a field out of place, misspelt or missing", () => {
    const choice = completion.choices[0];
    const refused: [string, unknown, { safeParse: (value: unknown) => { success: boolean } }][] = [
      ["a misspelt field", { ...completion, choices: [{ ...choice, finish_reson: "stop" }] }, chatCompletionSchema],
      ["camelCase in the extension", { ...completion, parley: { chatId: "a1b2c3", tool_activity: [] } }, chatCompletionSchema],
      ["a chunk's object on a completion", { ...completion, object: "chat.completion.chunk" }, chatCompletionSchema],
      ["a completion without logprobs", { ...completion, choices: [{ ...choice, logprobs: undefined }] }, chatCompletionSchema],
      ["two choices", { ...completion, choices: [choice, { ...choice, index: 1 }] }, chatCompletionSchema],
      ["a chunk without finish_reason", { ...chunks[1], choices: [{ index: 0, delta: { content: "Hi" } }] }, chatCompletionChunkSchema],
      ["a list of tool runs in a chunk", { ...chunks[2], parley: { tool_activity: [weatherRun] } }, chatCompletionChunkSchema],
      ["an unknown tool status", { ...weatherRun, status: "finished" }, toolActivitySchema],
      ["usage in camelCase", { promptTokens: 1, completionTokens: 2, totalTokens: 3 }, completionUsageSchema],
      ["an error without param", { error: { message: "No.", type: "invalid_request_error", code: null } }, openAiErrorBodySchema],
    ];
    for (const [what, value, schema] of refused) expect(schema.safeParse(value).success, what).toBe(false);
  });
});
