import type { ToolRunStatus } from "@/lib/message/tool-run";
import type { ChatStreamReading } from "@/test/support/read-chat-stream";

// Each tool call of a chat response as its chunks told it, in the order the calls began: what the
// model asked for, what the tool streamed and answered (or why it failed), and the run reports the
// chip reads. A check on the stream itself, before the AI SDK's reader merges the chunks.

export type ToolCallInStream = {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /** Outputs streamed as they came (a tool's progress), the last of them repeated as the result. */
  preliminaryOutputs: unknown[];
  output?: unknown;
  errorText?: string;
  /** The statuses of its `data-toolRun` reports, in order. */
  runStatuses: ToolRunStatus[];
};

export function toolCallsIn({ chunks }: Pick<ChatStreamReading, "chunks">): ToolCallInStream[] {
  const calls = new Map<string, ToolCallInStream>();
  // A call's first run report is written by the tool runtime as it starts, which may be before its input reaches the stream.
  const runStatuses = new Map<string, ToolRunStatus[]>();
  for (const { chunk } of chunks) {
    if (chunk.type === "tool-input-available") {
      calls.set(chunk.toolCallId, { toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, preliminaryOutputs: [], runStatuses: [] });
    } else if (chunk.type === "data-toolRun" && chunk.id !== undefined) {
      runStatuses.set(chunk.id, [...(runStatuses.get(chunk.id) ?? []), (chunk.data as { status: ToolRunStatus }).status]);
    } else if (chunk.type === "tool-output-available") {
      const call = calls.get(chunk.toolCallId);
      if (chunk.preliminary) call?.preliminaryOutputs.push(chunk.output);
      else if (call) call.output = chunk.output;
    } else if (chunk.type === "tool-output-error") {
      const call = calls.get(chunk.toolCallId);
      if (call) call.errorText = chunk.errorText;
    }
  }
  return [...calls.values()].map((call) => ({ ...call, runStatuses: runStatuses.get(call.toolCallId) ?? [] }));
}
