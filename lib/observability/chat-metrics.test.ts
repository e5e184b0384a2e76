import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";
import { ChatMetrics, type AnswerMeasurement } from "./chat-metrics";

const answer: AnswerMeasurement = {
  requestId: "r1",
  chatId: "c1",
  outcome: "finished",
  failed: false,
  coldStart: false,
  timeToFirstByteMs: 5,
  timeToFirstTokenMs: 300,
  answerDurationMs: 2_000,
  totalTokens: 42,
};

describe("ChatMetrics", () => {
  let output: CapturedOutput;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it("writes EMF documents in the namespace and with the service given", () => {
    new ChatMetrics({ namespace: "ParleyTest", serviceName: "parley-test" }).publishAnswer(answer, [
      { toolName: "calculate", outcome: "done", durationMs: 7, cached: false },
    ]);
    const [answerDocument, toolDocument] = output.emf();
    expect(answerDocument?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: "ParleyTest", Dimensions: [["service"]] });
    expect(answerDocument).toMatchObject({ service: "parley-test", AnswerDuration: 2_000 });
    expect(toolDocument?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service", "tool"], ["service"]]);
    expect(toolDocument).toMatchObject({ service: "parley-test", tool: "calculate", ToolCallDuration: 7 });
  });

  it("leaves out a value CloudWatch would reject, and keeps the rest of the document", () => {
    new ChatMetrics().publishAnswer({ ...answer, totalTokens: Number.NaN, timeToFirstTokenMs: Number.POSITIVE_INFINITY }, []);

    const [document, ...others] = output.emf();
    expect(others).toEqual([]);
    expect(document).not.toHaveProperty("TokensUsed");
    expect(document).not.toHaveProperty("TimeToFirstToken");
    expect(document).toMatchObject({ ChatRequests: 1, AnswerDuration: 2_000 });
  });

  it("sends documents from concurrent requests separately, each with only its own values", () => {
    const metrics = new ChatMetrics();
    metrics.publishAnswer({ ...answer, requestId: "r1", chatId: "c1", totalTokens: 1 }, [{ toolName: "a", outcome: "done", durationMs: 1, cached: false }]);
    metrics.publishAnswer({ ...answer, requestId: "r2", chatId: "c2", totalTokens: 2, failed: true, outcome: "failed" }, []);

    const [first, tool, second, ...others] = output.emf();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ requestId: "r1", TokensUsed: 1, ChatErrors: 0 });
    expect(tool).toMatchObject({ requestId: "r1", tool: "a" });
    expect(second).toMatchObject({ requestId: "r2", TokensUsed: 2, ChatErrors: 1, outcome: "failed" });
    expect(second).not.toHaveProperty("tool");
    expect(second?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service"]]);
  });

  it("counts a thumb by rating, and by rating and the answer's model", () => {
    const metrics = new ChatMetrics({ serviceName: "parley-test" });
    metrics.publishFeedback({ requestId: "r1", chatId: "c1", rating: "down", modelId: "gpt-5.4-mini", hasNote: true });
    metrics.publishFeedback({ requestId: "r2", chatId: "c2", rating: "up", modelId: undefined, hasNote: false });

    const [down, downByModel, up, ...others] = output.emf();
    expect(others).toEqual([]);
    expect(down?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service", "rating"]]);
    expect(down).toMatchObject({ service: "parley-test", rating: "down", AnswerFeedback: 1, hasNote: "true", chatId: "c1" });
    expect(down).not.toHaveProperty("model");
    expect(downByModel?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service", "rating", "model"]]);
    expect(downByModel).toMatchObject({ rating: "down", model: "gpt-5.4-mini", AnswerFeedback: 1, requestId: "r1" });
    expect(up?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service", "rating"]]);
    expect(up).toMatchObject({ rating: "up", AnswerFeedback: 1, hasNote: "false", requestId: "r2" });
    expect(up).not.toHaveProperty("model");
    // Powertools warns of a dimension shared by two dimension sets of one document.
    expect(output.logs()).toEqual([]);
  });
});
