import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { captureOutput, type CapturedOutput } from "@/test/support/capture-output";

// Each test loads the modules afresh: a new process, as far as the cold start is concerned.
const freshModules = async () => {
  vi.resetModules();
  const { healthStatus } = await import("@/lib/health/health-status");
  const { startChatTelemetry } = await import("./chat-telemetry");
  return { healthStatus, startChatTelemetry };
};

describe("cold start", () => {
  let output: CapturedOutput;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  const coldStartCount = () => output.emf().reduce((sum, document) => sum + ((document.ColdStart as number | undefined) ?? 0), 0);

  it("a health check first: /api/health reports it, the metric counts it once, the next chat request is warm", async () => {
    const { healthStatus, startChatTelemetry } = await freshModules();
    expect(healthStatus().coldStart).toBe(true);
    expect(healthStatus().coldStart).toBe(false);
    startChatTelemetry().answerEnded("finished", { saved: true });

    expect(coldStartCount()).toBe(1);
    expect(output.emf()[0]).toMatchObject({ ColdStart: 1, route: "/api/health" });
    expect(output.emf()[0]?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: "Parley", Metrics: [{ Name: "ColdStart", Unit: "Count" }] });
  });

  it("a chat request first: its answer counts the cold start, and /api/health then reports a warm process", async () => {
    const { healthStatus, startChatTelemetry } = await freshModules();
    const first = startChatTelemetry();
    expect(healthStatus().coldStart).toBe(false);
    first.answerEnded("finished", { saved: true });
    startChatTelemetry().answerEnded("finished", { saved: true });

    expect(coldStartCount()).toBe(1);
    expect(output.emf()[0]).toMatchObject({ ColdStart: 1, ChatRequests: 1 });
  });

  it("a health check stays cheap and keeps its shape", async () => {
    const { healthStatus } = await freshModules();
    healthStatus();
    const status = healthStatus();
    expect(Object.keys(status).sort()).toEqual(["coldStart", "ok", "uptimeMs", "version"]);
    expect(status).toMatchObject({ ok: true, coldStart: false });
    expect(output.lines()).toHaveLength(1); // the one ColdStart document; nothing per check
  });
});
