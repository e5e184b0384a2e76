import { mcpToolLabel } from "@/lib/message/mcp-tool-name";
import { toolPresenters } from "@/tools/presenters";

// How a tool call reads in its chip: a label, the input that identifies the call (city,
// expression, time zone) and a one-line summary of a successful result. A tool's presenter
// (tools/presenters.ts) says it; a tool without one still gets a generic chip: its name, its first
// string input, the raw result.

type AnyPresenter = {
  label: string;
  mainInput?: (input: Record<string, unknown>) => unknown;
  summarize?: (output: Record<string, unknown>) => unknown;
};

function presenterOf(toolName: string): AnyPresenter | undefined {
  // The wire is not typed: a presenter is chosen by name, and reads defensively (see below).
  return Object.hasOwn(toolPresenters, toolName) ? (toolPresenters[toolName as keyof typeof toolPresenters] as unknown as AnyPresenter) : undefined;
}

/** The presenter's label; for an MCP server's tool its own name (`echo` of `everything__echo`). */
export function toolLabel(toolName: string): string {
  return presenterOf(toolName)?.label ?? mcpToolLabel(toolName);
}

/** "Paris", "17% of 2340", "Asia/Tokyo"; for other tools the first short string in the input. */
export function describeToolInput(toolName: string, input: unknown): string | undefined {
  if (!isRecord(input)) return undefined;
  const mainInput = presenterOf(toolName)?.mainInput;
  const value = mainInput ? safely(() => mainInput(input)) : Object.values(input).find((entry) => typeof entry === "string");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * One readable line for a successful result (`{ ok: true, ... }`), or undefined when the tool has
 * no presenter or the result has an unexpected shape (e.g. history stored by an older version).
 */
export function summarizeToolOutput(toolName: string, output: unknown): string | undefined {
  const summarize = presenterOf(toolName)?.summarize;
  if (!summarize || !isRecord(output) || output.ok !== true) return undefined;
  const summary = safely(() => summarize(output));
  return typeof summary === "string" && !summary.includes("undefined") ? summary : undefined;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
