import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { composeCannedAnswer } from "@/lib/ai/demo-model/canned-answer";
import type { ChatJson } from "@/lib/chat/chat-json";
import { assertStreamed } from "./assert-streamed";
import { type LocalLambda, chatRequest, readChatBody, startLocalLambda, textOf } from "./lambda-harness";

// The proof that the deployed function streams: the bundle SST deploys (OpenNext, wrapper
// aws-lambda-streaming), run by AWS's runtime client, answers a chat through the Runtime API in
// streaming mode, its text spread over the answer's duration, and works warm and with its store.

const CODE_QUESTION = "Write a TypeScript function that reverses a string";

describe("the streaming Lambda bundle (open-next.config.ts)", () => {
  let lambda: LocalLambda;
  const chatId = `lambda-${crypto.randomUUID()}`;
  let firstAnswer = "";

  beforeAll(async () => {
    lambda = await startLocalLambda({ bundleDir: inject("bundles").streaming });
  });

  afterAll(async () => {
    await lambda?.stop();
  });

  test("streams a chat answer on a cold start", async () => {
    const invocation = lambda.invoke(chatRequest(chatId, CODE_QUESTION));
    const recording = await invocation.result;

    const { response, textDeltas } = assertStreamed(recording);
    expect(response.mode).toBe("streaming");
    expect(response.headers["content-encoding"] ?? "identity").toBe("identity");
    expect(textDeltas.length).toBeGreaterThan(50);

    const reading = await readChatBody(response);
    expect(reading.invalid).toEqual([]);
    expect(reading.chunks[0]?.chunk.type).toBe("start");
    expect(reading.chunks.at(-1)?.chunk.type).toBe("finish");
    firstAnswer = textOf(reading.message);
    expect(firstAnswer).toBe(composeCannedAnswer(CODE_QUESTION));
    expect(response.body.toString("utf8").trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(lambda.runtimeApi.initError).toBeUndefined();
  });

  test("streams again on the warm process, and runs a tool inside the bundle", async () => {
    const { response } = assertStreamed(await lambda.invoke(chatRequest(chatId, "Write a Python function that reverses a string")).result);
    expect(textOf((await readChatBody(response)).message)).toBe(composeCannedAnswer("Write a Python function that reverses a string"));

    const { recording, response: toolResponse } = await lambda.request(chatRequest(chatId, "What is 17% of 2340?"));
    expect(recording.responseMode).toBe("streaming");
    const reading = await readChatBody(toolResponse);
    expect(reading.invalid).toEqual([]);
    const toolPart = reading.message?.parts.find((part) => part.type === "tool-calculate") as { state?: string; output?: unknown } | undefined;
    expect(toolPart?.state).toBe("output-available");
    expect(textOf(reading.message)).toContain("397.8");
  });

  test("stores the chat in DynamoDB: a later invocation reads it back", async () => {
    const { recording, response } = await lambda.request({ method: "GET", path: `/api/chats/${chatId}` });
    expect(recording.error).toBeUndefined();
    expect(response.statusCode).toBe(200);
    const chat = JSON.parse(response.body.toString("utf8")) as ChatJson;
    expect(chat.messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(textOf(chat.messages[0])).toBe(CODE_QUESTION);
    expect(textOf(chat.messages[1])).toBe(firstAnswer);
  });

  test("streams a gzip-compressed answer when the client accepts gzip", async () => {
    const recording = await lambda.invoke(chatRequest(`lambda-${crypto.randomUUID()}`, CODE_QUESTION, { "accept-encoding": "gzip" })).result;
    const { response } = assertStreamed(recording);
    expect(response.headers["content-encoding"]).toBe("gzip");
    const reading = await readChatBody(response);
    expect(reading.invalid).toEqual([]);
    expect(textOf(reading.message)).toBe(composeCannedAnswer(CODE_QUESTION));
  });
});
