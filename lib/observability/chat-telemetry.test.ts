import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ToolRun } from "@/lib/message/tool-run";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";
import { startChatTelemetry } from "./chat-telemetry";

const run = (toolName: string, status: ToolRun["status"], durationMs: number, cached = false): ToolRun => ({
  toolName,
  status,
  startedAt: 0,
  durationMs,
  cached,
  truncated: false,
});

describe("ChatTelemetry", () => {
  let output: CapturedOutput;
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    output = captureOutput();
    clock = 1_000;
  });
  afterEach(() => output.restore());

  it("measures every duration from the request's arrival", () => {
    const telemetry = startChatTelemetry({ now, requestId: "r1", coldStart: false });
    telemetry.setChatId("c1");
    clock = 1_004;
    telemetry.responseReturned();
    clock = 1_250;
    telemetry.firstTextDelta();
    clock = 1_900;
    telemetry.firstTextDelta(); // only the first one counts
    telemetry.stepFinished(120);
    telemetry.stepFinished(undefined); // a provider that reports no usage for a step
    telemetry.stepFinished(30);
    clock = 2_000;
    telemetry.answerEnded("finished", { saved: true });

    expect(output.emf()).toEqual([
      expect.objectContaining({ TimeToFirstByte: 4, TimeToFirstToken: 250, AnswerDuration: 1_000, TokensUsed: 150, ChatRequests: 1, ChatErrors: 0 }),
    ]);
  });

  it("does not count an answer that a quota stopped as a ChatError, and logs it as info", () => {
    const telemetry = startChatTelemetry({ now, coldStart: false });
    telemetry.responseReturned();
    telemetry.answerStoppedByQuota();
    telemetry.answerEnded("failed", { saved: true });

    expect(output.emf()).toEqual([expect.objectContaining({ ChatRequests: 1, ChatErrors: 0 })]);
    expect(output.logs().filter((line) => line.level === "ERROR" || line.level === "WARN")).toEqual([]);
  });

  it("leaves out what did not happen: no text, no usage, no cold start", () => {
    const telemetry = startChatTelemetry({ now, coldStart: false });
    telemetry.responseReturned();
    telemetry.answerEnded("stopped", { saved: true });

    const [document] = output.emf();
    expect(document).toMatchObject({ outcome: "stopped", ChatErrors: 0 });
    expect(document).not.toHaveProperty("TimeToFirstToken");
    expect(document).not.toHaveProperty("TokensUsed");
    expect(document).not.toHaveProperty("ColdStart");
  });

  it("counts an answer that could not be stored as a ChatError", () => {
    startChatTelemetry({ now, coldStart: false }).answerEnded("finished", { saved: false });
    expect(output.emf()[0]).toMatchObject({ outcome: "finished", ChatErrors: 1 });
  });

  it("publishes each tool call with its outcome, and warns about failures and timeouts only", () => {
    const telemetry = startChatTelemetry({ now, coldStart: false });
    telemetry.toolRunEnded(run("getWeather", "running", 0));
    telemetry.toolRunEnded(run("getWeather", "done", 120, true));
    telemetry.toolRunEnded(run("getWeather", "timeout", 30_000), new Error("The tool did not answer within 30 s and was stopped."));
    telemetry.toolRunEnded(run("calculate", "failed", 3), new Error("token=abc123 rejected"));
    telemetry.toolRunEnded(run("calculate", "aborted", 9));
    telemetry.answerEnded("finished", { saved: true });

    const toolCalls = output.emf().filter((document) => "ToolCallDuration" in document);
    expect(toolCalls.map(({ tool, outcome, cached, ToolCallDuration }) => ({ tool, outcome, cached, ToolCallDuration }))).toEqual([
      { tool: "getWeather", outcome: "done", cached: "true", ToolCallDuration: 120 },
      { tool: "getWeather", outcome: "timeout", cached: "false", ToolCallDuration: 30_000 },
      { tool: "calculate", outcome: "failed", cached: "false", ToolCallDuration: 3 },
      { tool: "calculate", outcome: "aborted", cached: "false", ToolCallDuration: 9 },
    ]);
    const warnings = output.logs().filter((line) => line.level === "WARN");
    expect(warnings).toEqual([
      expect.objectContaining({ message: "tool call failed", tool: "getWeather", outcome: "timeout", durationMs: 30_000 }),
      expect.objectContaining({ message: "tool call failed", tool: "calculate", outcome: "failed", error: { name: "Error", message: "token=*** rejected" } }),
    ]);
    expect(output.logs().find((line) => line.message === "answer ended")).toMatchObject({ toolCalls: 4, failedToolCalls: 2 });
  });

  it("counts a request that failed with a 5xx as a chat request and an error", () => {
    const telemetry = startChatTelemetry({ now, requestId: "r1", coldStart: false });
    telemetry.requestFailed(500);
    telemetry.answerEnded("failed", { saved: false }); // already ended: no second document

    expect(output.emf()).toEqual([expect.objectContaining({ ChatRequests: 1, ChatErrors: 1, statusCode: "500", requestId: "r1" })]);
    expect(output.emf()[0]).not.toHaveProperty("AnswerDuration");
  });

  it("publishes nothing for a client error, except the process's cold start", () => {
    startChatTelemetry({ now, coldStart: false }).requestFailed(400);
    expect(output.emf()).toEqual([]);

    startChatTelemetry({ now, coldStart: true }).requestFailed(401);
    const [document, ...others] = output.emf();
    expect(others).toEqual([]);
    expect(document).toMatchObject({ ColdStart: 1, statusCode: "401" });
    expect(document).not.toHaveProperty("ChatRequests");
  });

  it("publishes an answer once, however often it is told that it ended", () => {
    const telemetry = startChatTelemetry({ now, coldStart: false });
    telemetry.answerEnded("finished", { saved: true });
    telemetry.answerEnded("finished", { saved: true });
    telemetry.requestFailed(500);
    expect(output.emf()).toHaveLength(1);
  });
});
