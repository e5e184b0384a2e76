import type { DynamicToolUIPart, ToolUIPart } from "ai";
import type { ToolRun } from "@/lib/message/tool-run";
import { isRecord } from "./describe-tool-call";

/** A tool call as the message holds it: a typed `tool-<name>` part, or a `dynamic-tool` part. */
export type ToolPart = ToolUIPart | DynamicToolUIPart;
type ToolPartState = ToolPart["state"];

/** What the chip shows; `data-state` on the chip. */
export type ChipStatus =
  | "waiting"
  | "running"
  | "done"
  | "no-result"
  | "failed"
  | "timeout"
  | "stopped"
  | "denied"
  | "approval"
  /** Approved, waiting for the decisions on the other calls of its answer before it runs. */
  | "approved"
  /** It waited for approval, and the conversation went on without a decision: it never ran. */
  | "undecided";

type ToolCallView = {
  part: ToolPart;
  /** The runtime's report for this call (`data-toolRun` with id = toolCallId), when one arrived. */
  run: ToolRun | undefined;
  /** True while the message this call belongs to is still streaming. */
  isStreaming: boolean;
  /** A later message followed this call's answer: a call still waiting for a decision can no longer get one. */
  isSuperseded?: boolean;
};

/**
 * Every part state maps to a chip status, so a state added to the AI SDK is a type error here.
 * A call that never got its result before the stream ended (Stop, lost connection) is "stopped",
 * never a spinner that runs forever. The stored answer keeps each call as it was when the stream
 * ended, so a reload derives the same status as the live view did.
 */
const statusByPartState: Record<ToolPartState, (call: ToolCallView) => ChipStatus> = {
  "input-streaming": ({ isStreaming }) => (isStreaming ? "waiting" : "stopped"),
  // The AI SDK marks every call of a step input-available before any of them executes: a call is
  // running only once the runtime reports that it started.
  "input-available": ({ run, isStreaming }) =>
    endedRunStatus(run) ?? (!isStreaming ? "stopped" : run?.status === "running" ? "running" : "waiting"),
  "approval-requested": ({ isSuperseded }) => (isSuperseded ? "undecided" : "approval"),
  "approval-responded": ({ part, isStreaming, isSuperseded }) => {
    if (part.state === "approval-responded" && !part.approval.approved) return "denied";
    return isStreaming ? "running" : isSuperseded ? "undecided" : "approved";
  },
  "output-available": ({ part, isStreaming }) => {
    if (part.state === "output-available" && part.preliminary) return isStreaming ? "running" : "stopped";
    return outcomeOf(part.output).kind === "no-result" ? "no-result" : "done";
  },
  "output-error": ({ run }) => (run?.status === "timeout" ? "timeout" : run?.status === "aborted" ? "stopped" : "failed"),
  "output-denied": () => "denied",
};

export function deriveChipStatus(call: ToolCallView): ChipStatus {
  return statusByPartState[call.part.state](call);
}

/** A run that ended without its result reaching the part (yet). */
function endedRunStatus(run: ToolRun | undefined): ChipStatus | undefined {
  switch (run?.status) {
    case "timeout":
      return "timeout";
    case "failed":
      return "failed";
    case "aborted":
      return "stopped";
    default:
      return undefined;
  }
}

export type ToolOutcome =
  | { kind: "result" }
  /** The tool answered `{ ok: false, reason }`: it ran fine but has nothing to give. */
  | { kind: "no-result"; reason: string }
  /** The runtime cut an oversized result down to a preview. */
  | { kind: "truncated"; note: string };

export function outcomeOf(output: unknown): ToolOutcome {
  if (isRecord(output) && output.ok === false) {
    return { kind: "no-result", reason: typeof output.reason === "string" ? output.reason : "The tool found no result." };
  }
  if (isRecord(output) && output.truncated === true) {
    return { kind: "truncated", note: typeof output.note === "string" ? output.note : "The result was truncated." };
  }
  return { kind: "result" };
}

/** A progress line from a preliminary output: `progress` as text, or as a fraction / percentage. */
export function progressTextOf(output: unknown): string | undefined {
  if (!isRecord(output)) return undefined;
  const { progress } = output;
  if (typeof progress === "string" && progress.trim() !== "") return progress.trim();
  if (typeof progress === "number" && Number.isFinite(progress)) {
    return `${Math.round(progress <= 1 ? progress * 100 : progress)}%`;
  }
  return typeof output.message === "string" ? output.message : undefined;
}

/** `getWeather` for `tool-getWeather`, the name itself for a dynamic tool. */
export function toolNameOf(part: ToolPart): string {
  return part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
}
