import { describe, expect, it } from "vitest";
import type { ToolRun } from "@/lib/message/tool-run";
import { deriveChipStatus, outcomeOf, progressTextOf, toolNameOf, type ToolPart } from "./tool-chip-status";

const run = (status: ToolRun["status"], extra: Partial<ToolRun> = {}): ToolRun => ({
  toolName: "getWeather",
  status,
  startedAt: 1_000,
  cached: false,
  truncated: false,
  ...extra,
});

const base = { type: "tool-getWeather", toolCallId: "call-1" } as const;
const part = (fields: Record<string, unknown>) => ({ ...base, ...fields }) as unknown as ToolPart;

describe("deriveChipStatus", () => {
  it("waits while the input streams and until the runtime starts the call, then runs", () => {
    expect(deriveChipStatus({ part: part({ state: "input-streaming" }), run: undefined, isStreaming: true })).toBe("waiting");
    const available = part({ state: "input-available", input: { city: "Paris" } });
    expect(deriveChipStatus({ part: available, run: undefined, isStreaming: true })).toBe("waiting");
    expect(deriveChipStatus({ part: available, run: run("running"), isStreaming: true })).toBe("running");
  });

  it("is stopped, not running forever, when the stream ended before the result", () => {
    const available = part({ state: "input-available", input: { city: "Paris" } });
    expect(deriveChipStatus({ part: available, run: run("running"), isStreaming: false })).toBe("stopped");
    expect(deriveChipStatus({ part: part({ state: "input-streaming" }), run: undefined, isStreaming: false })).toBe("stopped");
    const preliminary = part({ state: "output-available", input: {}, output: { progress: 0.5 }, preliminary: true });
    expect(deriveChipStatus({ part: preliminary, run: run("running"), isStreaming: true })).toBe("running");
    expect(deriveChipStatus({ part: preliminary, run: run("running"), isStreaming: false })).toBe("stopped");
  });

  it("tells a result from an ok:false answer", () => {
    const done = part({ state: "output-available", input: {}, output: { ok: true, city: "Paris" } });
    expect(deriveChipStatus({ part: done, run: run("done"), isStreaming: false })).toBe("done");
    const noResult = part({ state: "output-available", input: {}, output: { ok: false, city: "X", reason: "No place" } });
    expect(deriveChipStatus({ part: noResult, run: run("done"), isStreaming: true })).toBe("no-result");
  });

  it("uses the run to tell a timeout and an abort from a failure", () => {
    const error = part({ state: "output-error", input: {}, errorText: "boom" });
    expect(deriveChipStatus({ part: error, run: run("failed"), isStreaming: true })).toBe("failed");
    expect(deriveChipStatus({ part: error, run: undefined, isStreaming: false })).toBe("failed");
    expect(deriveChipStatus({ part: error, run: run("timeout"), isStreaming: true })).toBe("timeout");
    expect(deriveChipStatus({ part: error, run: run("aborted"), isStreaming: false })).toBe("stopped");
  });

  it("maps the approval states", () => {
    const approval = { id: "a1" };
    expect(deriveChipStatus({ part: part({ state: "approval-requested", input: {}, approval }), run: undefined, isStreaming: false })).toBe("approval");
    const denied = part({ state: "approval-responded", input: {}, approval: { ...approval, approved: false } });
    expect(deriveChipStatus({ part: denied, run: undefined, isStreaming: false })).toBe("denied");
    const approved = part({ state: "approval-responded", input: {}, approval: { ...approval, approved: true } });
    expect(deriveChipStatus({ part: approved, run: undefined, isStreaming: true })).toBe("running");
    // Approved while another call of the answer still waits: it runs once that one is decided too.
    expect(deriveChipStatus({ part: approved, run: undefined, isStreaming: false })).toBe("approved");
    const outputDenied = part({ state: "output-denied", input: {}, approval: { ...approval, approved: false } });
    expect(deriveChipStatus({ part: outputDenied, run: undefined, isStreaming: false })).toBe("denied");
    // A later message went on without a decision: the call never ran, and cannot be decided any more.
    expect(deriveChipStatus({ part: part({ state: "approval-requested", input: {}, approval }), run: undefined, isStreaming: false, isSuperseded: true })).toBe("undecided");
    expect(deriveChipStatus({ part: denied, run: undefined, isStreaming: false, isSuperseded: true })).toBe("denied");
  });
});

describe("outcomeOf", () => {
  it("reads ok:false reasons and truncation notes", () => {
    expect(outcomeOf({ ok: false, reason: "nope" })).toEqual({ kind: "no-result", reason: "nope" });
    expect(outcomeOf({ truncated: true, preview: "{", note: "cut" })).toEqual({ kind: "truncated", note: "cut" });
    expect(outcomeOf({ ok: true })).toEqual({ kind: "result" });
    expect(outcomeOf("text")).toEqual({ kind: "result" });
  });
});

describe("progressTextOf", () => {
  it("reads text and numeric progress", () => {
    expect(progressTextOf({ progress: "Geocoding Paris" })).toBe("Geocoding Paris");
    expect(progressTextOf({ progress: 0.42 })).toBe("42%");
    expect(progressTextOf({ progress: 70 })).toBe("70%");
    expect(progressTextOf({ ok: true })).toBeUndefined();
  });
});

describe("toolNameOf", () => {
  it("names static and dynamic tools", () => {
    expect(toolNameOf(part({ state: "input-streaming" }))).toBe("getWeather");
    const dynamic = { type: "dynamic-tool", toolName: "search", toolCallId: "c", state: "input-streaming" } as ToolPart;
    expect(toolNameOf(dynamic)).toBe("search");
  });
});
