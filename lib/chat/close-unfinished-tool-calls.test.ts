import { convertToModelMessages } from "ai";
import { describe, expect, it } from "vitest";
import { toolSchemasOf } from "@/lib/tools/tool-runtime";
import { toolDefinitions } from "@/tools";
import type { ChatMessage } from "@/lib/message/chat-message";
import { INTERRUPTED_TOOL_CALL_TEXT } from "@/lib/message/interrupted-tool-call";
import { unansweredToolCalls } from "@/test/support/model-history-checks";
import { closeUnfinishedToolCalls } from "./close-unfinished-tool-calls";

const stoppedDuringTools: ChatMessage[] = [
  { id: "u1", role: "user", parts: [{ type: "text", text: "Weather in Paris and 2+2?" }] },
  {
    id: "a1",
    role: "assistant",
    parts: [
      { type: "step-start" },
      { type: "tool-getWeather", toolCallId: "w1", state: "input-available", input: { city: "Paris" } },
      { type: "tool-calculate", toolCallId: "c1", state: "output-available", input: { expression: "2+2" }, output: { ok: true, expression: "2+2", result: "4" } },
      { type: "tool-getCurrentTime", toolCallId: "t1", state: "input-streaming", input: undefined },
    ],
  },
  { id: "u2", role: "user", parts: [{ type: "text", text: "Never mind, thanks." }] },
];

describe("closeUnfinishedToolCalls", () => {
  it("closes a call that never got its result as an error, keeps finished ones, drops half-streamed input", () => {
    const [, assistant] = closeUnfinishedToolCalls(stoppedDuringTools);
    expect(assistant?.parts.map((part) => [part.type, "state" in part ? part.state : undefined])).toEqual([
      ["step-start", undefined],
      ["tool-getWeather", "output-error"],
      ["tool-calculate", "output-available"],
    ]);
    expect(assistant?.parts[1]).toMatchObject({ errorText: INTERRUPTED_TOOL_CALL_TEXT, input: { city: "Paris" } });
  });

  it("gives the model a result for every call (a call without one makes the next turn fail)", async () => {
    const tools = toolSchemasOf(toolDefinitions);
    const unanswered = (messages: ChatMessage[]) => unansweredToolCalls(messages, tools);
    expect(await unanswered(stoppedDuringTools)).toEqual(["w1"]);
    expect(await unanswered(closeUnfinishedToolCalls(stoppedDuringTools))).toEqual([]);
    const model = await convertToModelMessages(closeUnfinishedToolCalls(stoppedDuringTools), { tools });
    expect(JSON.stringify(model)).toContain(INTERRUPTED_TOOL_CALL_TEXT);
  });

  it("does not give the model a preliminary result as the result of a stopped call", () => {
    const preliminary = { type: "tool-getWeather", toolCallId: "p1", state: "output-available", input: { city: "Paris" }, output: { progress: 0.5 }, preliminary: true } as const;
    const [closed] = closeUnfinishedToolCalls([{ id: "a2", role: "assistant", parts: [preliminary] }]);
    expect(closed?.parts[0]).toMatchObject({ state: "output-error", errorText: INTERRUPTED_TOOL_CALL_TEXT });
  });

  it("returns untouched messages as they are", () => {
    const finished: ChatMessage[] = [stoppedDuringTools[0] as ChatMessage];
    expect(closeUnfinishedToolCalls(finished)[0]).toBe(finished[0]);
  });
});
