import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatModel } from "@/lib/ai/chat-model";
import { createDemoModel } from "@/lib/ai/demo-model";
import { startChatTelemetry } from "@/lib/observability/chat-telemetry";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { toolDefinitions } from "@/tools";
import { captureOutput, type CapturedOutput, type EmfDocument } from "@/test/support/capture-output";
import { chatTestEnv as env, failingAnswerSaves, failingMidAnswer, leakyTool, mockChatModel, toolCallsThenText, userRequest } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { runChatTurn, type RunChatTurnOptions } from "./run-chat-turn";
import { ANSWER_NOT_SAVED_TEXT } from "./stream-error-text";

const userId = "user-1";

const demo: ChatModel = { model: createDemoModel({ tokenDelayMs: 0 }), id: "demo", label: "Demo", contextWindow: 128_000, keepsEarlierReasoning: false };

/** Step 1 calls the tools; step 2 streams the text in pieces, `delayMs` apart. */
const mockModel = ({ calls, text, tokens, delayMs = 0 }: { calls: Array<{ toolName: string; input: unknown }>; text: string[]; tokens: number; delayMs?: number }) =>
  toolCallsThenText({ calls, text, tokens, chunkDelayMs: delayMs }).model;

const metricNamesOf = (document: EmfDocument) => document._aws.CloudWatchMetrics[0]?.Metrics.map((metric) => metric.Name) ?? [];
const isAnswerDocument = (document: EmfDocument) => metricNamesOf(document).includes("AnswerDuration");
const isToolCallDocument = (document: EmfDocument) => metricNamesOf(document).includes("ToolCallDuration");

// calculate's first call starts its worker thread, which here loads mathjs from source (about a
// second on a busy machine, against the tool's 2 s timeout): started before the turns it measures.
beforeAll(() => toolDefinitions.calculate.tool.execute({ expression: "1" }, { toolCallId: "warm-up", messages: [], context: undefined }));

describe("runChatTurn telemetry", () => {
  let stores: Stores;
  let output: CapturedOutput;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    await stores.close();
  });

  const answer = async (request: RunChatTurnOptions["request"], chatModel: ChatModel, options: Partial<RunChatTurnOptions> = {}) => {
    const turn = await runChatTurn({ stores, userId, request, chatModel, env, tools: toolDefinitions, telemetry: startChatTelemetry({ coldStart: false }), ...options });
    const reading = await readChatStream(turn.response);
    await turn.done;
    return reading;
  };

  it("publishes one EMF document per answer, and one per tool call with the tool dimension", async () => {
    const question = "What is 12 * 7 and what is 2^10?";
    const telemetry = startChatTelemetry({ coldStart: true, requestId: "request-1" });
    const reading = await answer(userRequest(question), demo, { telemetry });
    const answerText = reading.message?.parts.map((part) => (part.type === "text" ? part.text : "")).join("") ?? "";
    expect(answerText).toContain("84");

    const documents = output.emf();
    const answers = documents.filter(isAnswerDocument);
    expect(answers).toHaveLength(1);
    const [document] = answers as [EmfDocument];
    const [directive] = document._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe("Parley");
    expect(directive?.Dimensions).toEqual([["service"]]);
    expect(Object.fromEntries(directive?.Metrics.map((metric) => [metric.Name, metric.Unit]) ?? [])).toEqual({
      TimeToFirstByte: "Milliseconds",
      TimeToFirstToken: "Milliseconds",
      AnswerDuration: "Milliseconds",
      ChatRequests: "Count",
      ChatErrors: "Count",
      TokensUsed: "Count",
      ColdStart: "Count",
    });
    expect(document).toMatchObject({ service: "parley", outcome: "finished", requestId: "request-1", chatId: "chat-1", ChatRequests: 1, ChatErrors: 0, ColdStart: 1 });
    const timeToFirstByte = document.TimeToFirstByte as number;
    const timeToFirstToken = document.TimeToFirstToken as number;
    expect(timeToFirstByte).toBeGreaterThanOrEqual(0);
    expect(timeToFirstToken).toBeGreaterThanOrEqual(timeToFirstByte);
    expect(document.AnswerDuration as number).toBeGreaterThanOrEqual(timeToFirstToken);
    expect(document.TokensUsed as number).toBeGreaterThan(0);

    const toolCalls = documents.filter(isToolCallDocument);
    expect(toolCalls).toHaveLength(2);
    for (const call of toolCalls) {
      const [toolDirective] = call._aws.CloudWatchMetrics;
      expect(toolDirective?.Namespace).toBe("Parley");
      expect(toolDirective?.Metrics).toEqual([{ Name: "ToolCallDuration", Unit: "Milliseconds" }]);
      expect(toolDirective?.Dimensions).toEqual(expect.arrayContaining([["service"], ["service", "tool"]]));
      expect(toolDirective?.Dimensions).toHaveLength(2);
      expect(call).toMatchObject({ service: "parley", tool: "calculate", outcome: "done", cached: "false", chatId: "chat-1", requestId: "request-1" });
      expect(typeof call.ToolCallDuration).toBe("number");
    }
    expect(documents).toHaveLength(3);

    // Log lines: JSON, with the keys operators search by, and none of the conversation's text.
    const logs = output.logs();
    const ended = logs.find((line) => line.message === "answer ended");
    expect(ended).toMatchObject({
      level: "INFO",
      service: "parley",
      requestId: "request-1",
      chatId: "chat-1",
      outcome: "finished",
      saved: true,
      toolCalls: 2,
      failedToolCalls: 0,
      timeToFirstByteMs: timeToFirstByte,
      timeToFirstTokenMs: timeToFirstToken,
      totalTokens: document.TokensUsed,
    });
    expect(typeof ended?.timestamp).toBe("string");
    const printed = output.lines().join("\n");
    expect(printed).not.toContain("12 * 7");
    expect(printed).not.toContain(answerText.slice(0, 20));
  });

  it("counts a ChatError when the answer fails, and logs the error without the provider's internals", async () => {
    const model = failingMidAnswer("The first half", new Error("upstream reset, see https://user:hunter2@provider.example/v1?key=sk-abcdefghijklmnop"));
    await answer(userRequest("Explain"), mockChatModel(model));

    const [document, ...others] = output.emf();
    expect(others).toEqual([]);
    expect(document).toMatchObject({ outcome: "failed", ChatRequests: 1, ChatErrors: 1 });
    expect(document).not.toHaveProperty("ColdStart");
    expect(document).not.toHaveProperty("TokensUsed");

    const error = output.logs().find((line) => line.message === "chat stream error");
    expect(error).toMatchObject({ level: "ERROR", chatId: "chat-1", error: { name: "Error" } });
    expect(output.logs().find((line) => line.message === "answer ended")).toMatchObject({ level: "INFO", outcome: "failed" });
    const printed = output.lines().join("\n");
    expect(printed).not.toContain("hunter2");
    expect(printed).not.toContain("sk-abcdefghijklmnop");
    expect(printed).not.toContain("The first half");
    expect(printed).not.toContain("    at "); // no stack
  });

  it("warns about a failed tool call with the tool's name and the safe error text, and still measures it", async () => {
    const tools = { leaky: leakyTool };
    const model = mockModel({ calls: [{ toolName: "leaky", input: {} }], text: ["Sorry."], tokens: 10 });
    await answer(userRequest("Go"), mockChatModel(model), { tools });

    const toolCall = output.emf().find(isToolCallDocument);
    expect(toolCall).toMatchObject({ tool: "leaky", outcome: "failed", cached: "false" });
    expect(output.emf().find(isAnswerDocument)).toMatchObject({ outcome: "finished", ChatErrors: 0, TokensUsed: 20 });
    const warning = output.logs().find((line) => line.message === "tool call failed");
    expect(warning).toMatchObject({ level: "WARN", chatId: "chat-1", tool: "leaky", outcome: "failed", error: { name: "UnexpectedToolError" } });
    expect(JSON.stringify(warning)).toContain("ECONNREFUSED");
    expect(output.lines().join("\n")).not.toContain("hunter2");
  });

  it("keeps concurrent answers apart: each gets its own document with its own values", async () => {
    const slow = mockModel({ calls: [{ toolName: "calculate", input: { expression: "1+1" } }], text: ["a", "b", "c", "d"], tokens: 100, delayMs: 15 });
    const fast = mockModel({ calls: [], text: ["x", "y"], tokens: 7, delayMs: 5 });
    await Promise.all([
      answer(userRequest("slow", { chatId: "chat-slow" }), mockChatModel(slow)),
      answer(userRequest("fast", { chatId: "chat-fast" }), mockChatModel(fast)),
    ]);

    const answers = output.emf().filter(isAnswerDocument);
    expect(answers.map((document) => document.chatId).sort()).toEqual(["chat-fast", "chat-slow"]);
    const slowDocument = answers.find((document) => document.chatId === "chat-slow");
    const fastDocument = answers.find((document) => document.chatId === "chat-fast");
    expect(slowDocument).toMatchObject({ ChatRequests: 1, TokensUsed: 200 });
    expect(fastDocument).toMatchObject({ ChatRequests: 1, TokensUsed: 7 });
    expect(fastDocument?.AnswerDuration as number).toBeLessThan(slowDocument?.AnswerDuration as number);
    expect(fastDocument?.requestId).not.toBe(slowDocument?.requestId);
    // Only the slow answer called a tool.
    expect(output.emf().filter(isToolCallDocument).map((document) => document.chatId)).toEqual(["chat-slow"]);
  });

  it("ends the stream with an error part, not a finish, when the answer cannot be saved, and counts a ChatError", async () => {
    // The disk is full (or DynamoDB fails) when the answer is stored; the user's message was stored fine.
    const chats = failingAnswerSaves(stores.chats, new Error("SQLITE_FULL: database or disk is full"));
    const reading = await answer(userRequest("Hi"), mockChatModel(mockModel({ calls: [], text: ["Hello", " there."], tokens: 5 })), { stores: { ...stores, chats } });

    const types = reading.chunks.map(({ chunk }) => chunk.type);
    expect(types).not.toContain("finish");
    expect(reading.chunks.at(-1)?.chunk).toEqual({ type: "error", errorText: ANSWER_NOT_SAVED_TEXT });
    // The text stays where the user can copy it.
    expect(reading.message?.parts.find((part) => part.type === "text")).toMatchObject({ text: "Hello there." });
    expect((await stores.chats.getChat(userId, "chat-1"))?.messages.map((message) => message.role)).toEqual(["user"]);

    expect(output.emf().find(isAnswerDocument)).toMatchObject({ outcome: "finished", ChatRequests: 1, ChatErrors: 1 });
    expect(output.logs().find((line) => line.message === "saving the answer failed")).toMatchObject({ level: "ERROR", chatId: "chat-1", error: { message: "SQLITE_FULL: database or disk is full" } });
  });

  it("counts a stopped answer as stopped, not as an error", async () => {
    const model = mockModel({ calls: [], text: Array.from({ length: 200 }, () => "word "), tokens: 5, delayMs: 5 });
    const telemetry = startChatTelemetry({ coldStart: false });
    const turn = await runChatTurn({ stores, userId, request: userRequest("Go"), chatModel: mockChatModel(model), env, tools: toolDefinitions, telemetry });
    const reading = readChatStream(turn.response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stores.streams.requestStop(userId, "chat-1");
    await reading;
    await turn.done;

    expect(output.emf()).toHaveLength(1);
    expect(output.emf()[0]).toMatchObject({ outcome: "stopped", ChatRequests: 1, ChatErrors: 0 });
  });
});
