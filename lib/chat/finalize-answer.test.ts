import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { convertToModelMessages, isToolUIPart, tool, type UIMessageStreamOutcome } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { deriveChipStatus, toolNameOf, type ChipStatus } from "@/components/chat/tool-chip-status";
import { describeToolInput, toolLabel } from "@/components/chat/describe-tool-call";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ToolRun } from "@/lib/message/tool-run";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { defineTool } from "@/lib/tools/tool-definition";
import { ToolFailure } from "@/lib/tools/tool-errors";
import { toolSchemasOf } from "@/lib/tools/tool-runtime";
import { chatTestEnv as env, mockChatModel, scriptedFirstStep, userRequest } from "@/test/support/chat-fixtures";
import { unansweredToolCalls } from "@/test/support/model-history-checks";
import { readChatStream } from "@/test/support/read-chat-stream";
import { finalizeAnswer } from "./finalize-answer";
import { toModelHistory } from "./model-history";
import { runChatTurn } from "./run-chat-turn";

// Every way an answer's tool call can end, run through a real turn: the chip the user saw when the
// answer ended is the chip of the stored answer, of a reload, and of an answer finalized from the
// same stream (as a crash-recovered one is); and the stored chat stays valid history for the model.

const userId = "user-1";

/** A stand-in weather tool: its city says how the call goes. */
function weatherStandIn(onStart: () => void) {
  return defineTool(
    tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }, { abortSignal }) => {
        onStart();
        if (city === "Nowhere") return { ok: false, reason: "No place called Nowhere." };
        if (city === "Brokenville") throw new ToolFailure("The weather service failed.");
        if (city === "Slowtown") await new Promise((_resolve, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason)));
        return { ok: true, city, temperatureC: 12, conditions: "cloudy" };
      },
    }),
  );
}

/** A clock tool that never answers within its (short) timeout. */
const slowClock = defineTool(
  tool({
    inputSchema: z.object({ timezone: z.string() }),
    execute: async (_input, { abortSignal }) =>
      new Promise((_resolve, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason))),
  }),
  { timeoutMs: 30 },
);

const call = (id: string, toolName: string, input: unknown): LanguageModelV4StreamPart => ({
  type: "tool-call",
  toolCallId: id,
  toolName,
  input: JSON.stringify(input),
});
/** A call whose input has begun to stream: `{"city":"Ber` so far. */
const streamingInput = (id: string): LanguageModelV4StreamPart[] => [
  { type: "tool-input-start", id, toolName: "getWeather" },
  { type: "tool-input-delta", id, delta: '{"city":"Ber' },
];

type Ending = {
  name: string;
  chunks: LanguageModelV4StreamPart[];
  end: "tool-calls" | "stall" | "error";
  /** When Stop is pressed: once a tool runs, once the model waits; never when absent. */
  stopWhen?: "tool-runs" | "model-waits";
  answer: "finished" | "stopped" | "failed";
  chips: Record<string, ChipStatus>;
};

const endings: Ending[] = [
  { name: "a call that returned its result", chunks: [call("c1", "getWeather", { city: "Paris" })], end: "tool-calls", answer: "finished", chips: { c1: "done" } },
  { name: "a call with no result", chunks: [call("c1", "getWeather", { city: "Nowhere" })], end: "tool-calls", answer: "finished", chips: { c1: "no-result" } },
  { name: "a call that failed", chunks: [call("c1", "getWeather", { city: "Brokenville" })], end: "tool-calls", answer: "finished", chips: { c1: "failed" } },
  { name: "a call that timed out", chunks: [call("c1", "getCurrentTime", { timezone: "Asia/Tokyo" })], end: "tool-calls", answer: "finished", chips: { c1: "timeout" } },
  {
    name: "Stop while one call runs and another has finished",
    chunks: [call("c1", "getWeather", { city: "Slowtown" }), call("c2", "getWeather", { city: "Paris" })],
    end: "tool-calls",
    stopWhen: "tool-runs",
    answer: "stopped",
    chips: { c1: "stopped", c2: "done" },
  },
  {
    name: "Stop while a call waits in its step and another's input streams",
    chunks: [call("c1", "getWeather", { city: "Paris" }), ...streamingInput("c2")],
    end: "stall",
    stopWhen: "model-waits",
    answer: "stopped",
    chips: { c1: "stopped", c2: "stopped" },
  },
  { name: "the model fails while a call's input streams", chunks: streamingInput("c1"), end: "error", answer: "failed", chips: { c1: "stopped" } },
];

/** What a chip shows of each call once its answer has ended: label, input, status, time, cached. */
function chipsOf(message: ChatMessage | undefined) {
  const parts = message?.parts ?? [];
  const runs = new Map(parts.flatMap((part) => (part.type === "data-toolRun" && part.id ? [[part.id, part.data] as [string, ToolRun]] : [])));
  return parts.filter(isToolUIPart).map((part) => {
    const run = runs.get(part.toolCallId);
    return {
      id: part.toolCallId,
      label: toolLabel(toolNameOf(part)),
      input: describeToolInput(toolNameOf(part), part.input),
      status: deriveChipStatus({ part, run, isStreaming: false }),
      durationMs: run?.durationMs,
      cached: run?.cached ?? false,
    };
  });
}

describe("a stored answer's chips", () => {
  let stores: Stores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(async () => {
    await stores.close();
  });

  it.each(endings)("are the chips shown live: $name", async ({ chunks, end, stopWhen, answer, chips }) => {
    const { promise: toolRuns, resolve: markToolRuns } = Promise.withResolvers<void>();
    const tools = { getWeather: weatherStandIn(markToolRuns), getCurrentTime: slowClock };
    const { model, stalled } = scriptedFirstStep(chunks, end);
    const turn = await runChatTurn({ stores, userId, request: userRequest("Weather?"), chatModel: mockChatModel(model), env, tools });
    const reading = readChatStream(turn.response);
    if (stopWhen) {
      await (stopWhen === "tool-runs" ? toolRuns : stalled);
      expect(await stores.streams.requestStop(userId, "chat-1")).toBe(true);
    }
    const live = (await reading).message as ChatMessage;
    await turn.done;

    const storedChat = await stores.chats.getChat(userId, "chat-1");
    const stored = storedChat?.messages[1];
    expect(stored?.metadata?.status ?? "finished").toBe(answer);
    const shownLive = chipsOf(live);
    expect(Object.fromEntries(shownLive.map((chip) => [chip.id, chip.status]))).toEqual(chips);
    expect(chipsOf(stored)).toEqual(shownLive);
    // A reload reads the stored chat through JSON (the page's props, the chats API).
    expect(chipsOf(JSON.parse(JSON.stringify(stored)) as ChatMessage)).toEqual(shownLive);
    // A crash-recovered answer is the stream it logged, finalized the same way.
    const outcome: UIMessageStreamOutcome = { status: answer === "finished" ? "completed" : answer === "stopped" ? "aborted" : "failed" };
    expect(chipsOf(finalizeAnswer(live, outcome))).toEqual(shownLive);

    // The model's history: every call has a result, and no call is half-written.
    const history = toModelHistory([...(storedChat?.messages ?? []), userRequest("Next?", { messageId: "u2" }).userMessage]);
    expect(history.flatMap((message) => message.parts).filter((part) => isToolUIPart(part) && part.state === "input-streaming")).toEqual([]);
    expect(await unansweredToolCalls(history, toolSchemasOf(tools))).toEqual([]);
    await expect(convertToModelMessages(history, { tools: toolSchemasOf(tools) })).resolves.toBeDefined();
  });
});

describe("finalizeAnswer", () => {
  const answer: ChatMessage = {
    id: "a1",
    role: "assistant",
    parts: [
      { type: "step-start" },
      { type: "tool-getWeather", toolCallId: "c1", state: "input-available", input: { city: "Paris" } },
      { type: "tool-getWeather", toolCallId: "c2", state: "input-streaming", input: { city: "Ber" } },
    ],
  };

  it("keeps unfinished calls as they were and says how the answer ended", () => {
    expect(finalizeAnswer(answer, { status: "aborted" })).toEqual({ ...answer, metadata: { status: "stopped" } });
    expect(finalizeAnswer(answer, { status: "completed" })).toBe(answer);
  });
});
