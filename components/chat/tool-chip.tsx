"use client";

import { memo, useId, useState, type ComponentType } from "react";
import type { ToolRun } from "@/lib/message/tool-run";
import { cx } from "@/components/ui/cx";
import {
  AlertIcon,
  BanIcon,
  CheckIcon,
  ChevronDownIcon,
  ClockIcon,
  DotsIcon,
  ErrorIcon,
  HandIcon,
  SpinnerIcon,
  StopCircleIcon,
} from "@/components/ui/icons";
import { formatDuration } from "./format-duration";
import {
  deriveChipStatus,
  outcomeOf,
  progressTextOf,
  toolNameOf,
  type ChipStatus,
  type ToolPart,
} from "./tool-chip-status";
import { mcpServerOf } from "@/lib/message/mcp-tool-name";
import { describeToolInput, summarizeToolOutput, toolLabel } from "./describe-tool-call";
import { useElapsed } from "./use-elapsed";

type StatusView = {
  label: string;
  Icon: ComponentType<{ className?: string }>;
  /** Border, background and text colours; each pair keeps ≥ 4.5:1 contrast in both themes. */
  tone: string;
};

// Every chip status has a label, an icon and a tone: a new status is a type error until it has them.
const statusViews: Record<ChipStatus, StatusView> = {
  waiting: {
    label: "Waiting",
    Icon: DotsIcon,
    tone: "border-border bg-muted text-foreground",
  },
  running: {
    label: "Running",
    Icon: SpinnerIcon,
    tone: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-100",
  },
  done: {
    label: "Done",
    Icon: CheckIcon,
    tone: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-100",
  },
  "no-result": {
    label: "No result",
    Icon: AlertIcon,
    tone: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100",
  },
  failed: {
    label: "Failed",
    Icon: ErrorIcon,
    tone: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100",
  },
  timeout: {
    label: "Timed out",
    Icon: ClockIcon,
    tone: "border-orange-300 bg-orange-50 text-orange-950 dark:border-orange-800 dark:bg-orange-950/50 dark:text-orange-100",
  },
  stopped: {
    label: "Stopped",
    Icon: StopCircleIcon,
    tone: "border-border bg-muted text-foreground",
  },
  denied: {
    label: "Denied",
    Icon: BanIcon,
    tone: "border-border bg-muted text-foreground",
  },
  approval: {
    label: "Needs approval",
    Icon: HandIcon,
    tone: "border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-800 dark:bg-violet-950/50 dark:text-violet-100",
  },
  approved: {
    label: "Approved",
    Icon: HandIcon,
    tone: "border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-800 dark:bg-violet-950/50 dark:text-violet-100",
  },
  undecided: {
    label: "Not decided",
    Icon: HandIcon,
    tone: "border-border bg-muted text-foreground",
  },
};

/** The user's decision on a call that waits for approval (useChat's `addToolApprovalResponse`). */
export type ApprovalResponse = { id: string; approved: boolean };

type ToolChipProps = {
  part: ToolPart;
  run: ToolRun | undefined;
  isStreaming: boolean;
  /** A later message followed this chip's answer. */
  isSuperseded?: boolean;
  /** Given while the user may decide on this chip's call: Approve and Deny show. */
  onApprovalResponse?: (response: ApprovalResponse) => void;
};

function ToolChipView({ part, run, isStreaming, isSuperseded = false, onApprovalResponse }: ToolChipProps) {
  const [expanded, setExpanded] = useState(false);
  const resultId = useId();

  const status = deriveChipStatus({ part, run, isStreaming, isSuperseded });
  const { label: statusLabel, Icon, tone } = statusViews[status];
  const toolName = toolNameOf(part);
  const server = mcpServerOf(toolName);
  const mainInput = describeToolInput(toolName, part.input);
  const hasOutput = part.state === "output-available" && !part.preliminary;
  const note = noteFor(status, part);
  const approvalId = part.state === "approval-requested" && part.approval.isAutomatic !== true ? part.approval.id : undefined;
  const canDecide = approvalId !== undefined && onApprovalResponse !== undefined;

  return (
    <div
      data-testid="tool-chip"
      data-tool-name={toolName}
      data-server={server}
      data-state={status}
      data-cached={run?.cached ? "true" : "false"}
      role="group"
      aria-label={`${toolLabel(toolName)}: ${statusLabel}`}
      className={cx("w-fit max-w-full min-w-0 rounded-lg border text-sm", tone)}
    >
      <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1 px-3 py-1.5">
        <Icon className="size-4 shrink-0" />
        <span className="font-semibold">{toolLabel(toolName)}</span>
        {server !== undefined && (
          <span data-testid="tool-chip-server" className="rounded-full border border-current/40 px-1.5 text-xs leading-5" title={`A tool of the MCP server ${server}`}>
            <span className="sr-only">MCP server </span>
            {server}
          </span>
        )}
        {mainInput && (
          <span className="min-w-0 max-w-[16rem] truncate font-mono text-[0.8125rem]" title={mainInput}>
            {mainInput}
          </span>
        )}
        <span className="inline-flex items-center gap-2 whitespace-nowrap">
          <span className="font-medium">{statusLabel}</span>
          {status === "running" ? (
            <LiveElapsed startedAt={run?.startedAt} />
          ) : (
            run?.durationMs !== undefined &&
            status !== "waiting" && (
              <span data-testid="tool-chip-elapsed" className="tabular-nums">
                {formatDuration(run.durationMs)}
              </span>
            )
          )}
          {run?.cached && (
            <span className="rounded-full border border-current px-1.5 text-xs leading-5 font-medium">cached</span>
          )}
        </span>
        {hasOutput && (
          <button
            type="button"
            data-testid="tool-chip-toggle"
            aria-expanded={expanded}
            aria-controls={resultId}
            onClick={() => setExpanded((value) => !value)}
            className="-my-1 -mr-1.5 ml-auto inline-flex min-h-7 items-center gap-1 rounded-md px-1.5 font-medium underline-offset-2 hover:underline"
          >
            {expanded ? "Hide result" : "Result"}
            <ChevronDownIcon className={cx("size-4 transition-transform", expanded && "rotate-180")} />
          </button>
        )}
      </div>
      {note && <p className="border-t border-current/20 px-3 py-1.5 break-words">{note}</p>}
      {canDecide && (
        <ApprovalPrompt
          toolLabel={toolLabel(toolName)}
          input={part.input}
          onDecide={(approved) => onApprovalResponse({ id: approvalId, approved })}
        />
      )}
      {hasOutput && expanded && (
        <ToolResult id={resultId} toolName={toolName} output={part.output} input={part.input} />
      )}
    </div>
  );
}

const STOPPED_NOTE = "Stopped before it finished.";

/** The line under the chip's header: progress while running, the reason when there is no result. */
function noteFor(status: ChipStatus, part: ToolPart): string | undefined {
  switch (status) {
    case "running":
      return part.state === "output-available" ? progressTextOf(part.output) : undefined;
    case "no-result": {
      const outcome = outcomeOf(part.output);
      return outcome.kind === "no-result" ? outcome.reason : undefined;
    }
    case "failed":
    case "timeout":
      return part.state === "output-error" ? part.errorText : undefined;
    case "stopped":
      // One text however the call was stopped (an abort's own message says nothing more).
      return STOPPED_NOTE;
    case "denied":
      return part.approval?.reason ?? "The call was not approved.";
    case "approval":
      return part.approval?.reason ?? part.approval?.requestReason ?? "This call is waiting for approval.";
    case "approved":
      return "Runs once every call waiting here is decided.";
    case "undecided":
      return "The conversation went on before this call was approved or denied: it never ran.";
    case "waiting":
    case "done":
      return undefined;
  }
}

/** The call's whole input, as it will run, and the user's two choices; nothing runs before Approve. */
function ApprovalPrompt({ toolLabel, input, onDecide }: { toolLabel: string; input: unknown; onDecide: (approved: boolean) => void }) {
  const buttonBase = "inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2";
  return (
    <div className="space-y-2 border-t border-current/20 px-3 py-2">
      <pre
        data-testid="tool-chip-input"
        aria-label={`${toolLabel} input`}
        className="max-h-48 overflow-auto rounded-md bg-background p-2 font-mono text-xs whitespace-pre-wrap break-all text-foreground"
      >
        {JSON.stringify(input, null, 2)}
      </pre>
      <div className="flex gap-2">
        <button
          type="button"
          data-testid="tool-chip-approve"
          aria-label={`Approve ${toolLabel}`}
          onClick={() => onDecide(true)}
          className={cx(buttonBase, "bg-violet-700 text-white hover:bg-violet-800 dark:bg-violet-300 dark:text-violet-950")}
        >
          Approve
        </button>
        <button
          type="button"
          data-testid="tool-chip-deny"
          aria-label={`Deny ${toolLabel}`}
          onClick={() => onDecide(false)}
          className={cx(buttonBase, "border border-current hover:bg-background/60")}
        >
          Deny
        </button>
      </div>
    </div>
  );
}

function LiveElapsed({ startedAt }: { startedAt: number | undefined }) {
  const elapsed = useElapsed(startedAt, { active: true });
  return (
    <span data-testid="tool-chip-elapsed" className="tabular-nums">
      {formatDuration(elapsed)}
    </span>
  );
}

function ToolResult({ id, toolName, input, output }: { id: string; toolName: string; input: unknown; output: unknown }) {
  const [showRaw, setShowRaw] = useState(false);
  const rawId = useId();
  const outcome = outcomeOf(output);
  const summary =
    outcome.kind === "no-result" ? outcome.reason : outcome.kind === "truncated" ? outcome.note : summarizeToolOutput(toolName, output);

  return (
    <div id={id} data-testid="tool-chip-result" className="space-y-2 border-t border-current/20 px-3 py-2">
      {summary && <p className="font-medium break-words">{summary}</p>}
      <button
        type="button"
        aria-expanded={showRaw}
        aria-controls={rawId}
        onClick={() => setShowRaw((value) => !value)}
        className="inline-flex min-h-7 items-center gap-1 rounded-md text-xs font-medium underline underline-offset-2"
      >
        {showRaw ? "Hide raw JSON" : "Show raw JSON"}
      </button>
      {showRaw && (
        <pre
          id={rawId}
          tabIndex={0}
          aria-label="Raw tool call JSON"
          className="max-h-64 overflow-auto rounded-md bg-background p-2 font-mono text-xs whitespace-pre-wrap break-all text-foreground"
        >
          {JSON.stringify({ input, output }, null, 2)}
        </pre>
      )}
    </div>
  );
}

/**
 * Chips of the streaming message re-render only when their own call changes. Each part is a
 * shallow copy per update (message.tsx copies the streaming message's calls), so unchanged inputs
 * and outputs keep their identity and changed ones do not.
 */
function sameCall(previous: ToolChipProps, next: ToolChipProps): boolean {
  const a = previous.part;
  const b = next.part;
  return (
    previous.isStreaming === next.isStreaming &&
    previous.isSuperseded === next.isSuperseded &&
    previous.onApprovalResponse === next.onApprovalResponse &&
    a.toolCallId === b.toolCallId &&
    a.state === b.state &&
    a.input === b.input &&
    a.output === b.output &&
    a.errorText === b.errorText &&
    a.approval === b.approval &&
    (a.state === "output-available" && a.preliminary) === (b.state === "output-available" && b.preliminary) &&
    sameRun(previous.run, next.run)
  );
}

function sameRun(a: ToolRun | undefined, b: ToolRun | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.status === b.status &&
    a.startedAt === b.startedAt &&
    a.durationMs === b.durationMs &&
    a.cached === b.cached &&
    a.truncated === b.truncated
  );
}

/** One chip per tool call: what it is, how it is going, and its result on demand. */
export const ToolChip = memo(ToolChipView, sameCall);
