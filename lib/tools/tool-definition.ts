import { asSchema, type Tool } from "ai";
import type { ToolApprovalPolicy } from "./tool-approval-policy";

export type ToolRuntimeOptions = {
  /** Per-call timeout in milliseconds; defaults to TOOL_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Read-only tools only: results are cached this long, keyed by tool name and canonical input. */
  cacheTtlMs?: number;
  /** Results whose JSON is longer than this are truncated (and say so); defaults to 16 000 characters. */
  maxOutputChars?: number;
  /** Whether a call waits for the user's approval; TOOL_APPROVAL overrides it. Default: `never`. */
  approval?: ToolApprovalPolicy;
  /** What the tool says of itself, read by the `hints` policy (as MCP's readOnlyHint and destructiveHint). */
  hints?: { readOnly?: boolean; destructive?: boolean };
};

/** Where a tool of an MCP server comes from, and what its server says of it. */
export type McpToolSource = {
  /** The server's name as configured: the chip shows it. */
  server: string;
  /** The tool's own name on its server (the model's name for it is `<server>__<tool>`, fitted). */
  toolName: string;
  title?: string;
  /**
   * The server's hints, untrusted: a read-only tool's results are cached; a policy such as approval
   * may read the others.
   */
  annotations: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
};

export type ToolDefinition<INPUT = unknown, OUTPUT = unknown> = {
  tool: Tool<INPUT, OUTPUT> & { execute: NonNullable<Tool<INPUT, OUTPUT>["execute"]> };
  runtime: ToolRuntimeOptions;
  /** Set for the tools of MCP servers; Parley's own tools have none. */
  mcp?: McpToolSource;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a set of tools with unrelated input and output types
export type ToolDefinitions = Record<string, ToolDefinition<any, any>>;

/** Pairs an AI SDK tool with the options the tool runtime applies to every call of it. */
export function defineTool<INPUT, OUTPUT>(
  tool: ToolDefinition<INPUT, OUTPUT>["tool"],
  runtime: ToolRuntimeOptions = {},
  mcp?: McpToolSource,
): ToolDefinition<INPUT, OUTPUT> {
  // Every model call sends each tool's JSON Schema. Given a zod schema, the AI SDK converts it
  // anew on each call; a Schema object converts once and keeps the result (bench/README.md,
  // "Tried: kept and rejected").
  return { tool: Object.assign({}, tool, { inputSchema: asSchema(tool.inputSchema) }), runtime, ...(mcp && { mcp }) };
}
