import type { CallToolResult, ListToolsResult } from "@ai-sdk/mcp";
import { jsonSchema, tool, type JSONSchema7 } from "ai";
import { defineTool, type McpToolSource, type ToolDefinitions } from "@/lib/tools/tool-definition";
import { ToolFailure } from "@/lib/tools/tool-errors";
import type { CallerHooks, McpProgress } from "./call-tracker";
import type { McpServerConfig } from "./mcp-config";
import { mcpToolName } from "@/lib/message/mcp-tool-name";
import { redactSecrets } from "./redact-secrets";

export type ListedTool = ListToolsResult["tools"][number];

/** Calls a tool of the server by its own name, on whatever connection is current. */
export type McpCall = (toolName: string, input: Record<string, unknown>, hooks: CallerHooks) => Promise<CallToolResult>;

/** What a call of an MCP tool answers: its text (and structured content, when the server sends it). */
type McpToolOutput = { text: string; structuredContent?: unknown };

/** The most of a server's error text the model and the chip are shown. */
const MAX_ERROR_CHARS = 500;

/**
 * The server's tools that its entry allows, as Parley tool definitions: the tool runtime wraps each
 * like a tool of Parley's own (timeout, abort, output cap, metrics; a cache for read-only ones).
 */
export function mcpToolDefinitions(server: McpServerConfig, listed: readonly ListedTool[], call: McpCall): ToolDefinitions {
  const definitions: ToolDefinitions = {};
  const taken = new Set<string>();
  for (const listedTool of offeredTools(server, listed)) {
    const name = mcpToolName(server.name, listedTool.name, taken);
    taken.add(name);
    definitions[name] = definitionOf(server, listedTool, call);
  }
  return definitions;
}

/** The listed tools the entry's allow and deny lists let through. */
function offeredTools(server: Pick<McpServerConfig, "allowTools" | "denyTools">, listed: readonly ListedTool[]): ListedTool[] {
  return listed.filter((listedTool) => (server.allowTools?.includes(listedTool.name) ?? true) && !server.denyTools.includes(listedTool.name));
}

function definitionOf(server: McpServerConfig, listedTool: ListedTool, call: McpCall) {
  const annotations = listedTool.annotations ?? {};
  const title = listedTool.title ?? annotations.title;
  const source: McpToolSource = {
    server: server.name,
    toolName: listedTool.name,
    ...(title !== undefined && { title }),
    annotations: pickHints(annotations),
  };
  const readOnly = annotations.readOnlyHint === true && server.cacheTtlMs > 0;
  return defineTool(
    tool({
      description: listedTool.description ?? title ?? listedTool.name,
      inputSchema: jsonSchema<Record<string, unknown>>({
        ...listedTool.inputSchema,
        properties: listedTool.inputSchema.properties ?? {},
      } as JSONSchema7),
      // Not sent to the model: for whatever decides about a call (e.g. approval) and for display.
      metadata: { mcp: source },
      execute: (input, { abortSignal }) => callWithProgress(server, listedTool.name, input, call, abortSignal),
    }),
    // The server entry's approval policy, over the server's hints (TOOL_APPROVAL may name a tool otherwise).
    {
      timeoutMs: server.timeoutMs,
      ...(readOnly && { cacheTtlMs: server.cacheTtlMs }),
      approval: server.approval,
      hints: { readOnly: annotations.readOnlyHint, destructive: annotations.destructiveHint },
    },
    source,
  );
}

function pickHints(annotations: NonNullable<ListedTool["annotations"]>): McpToolSource["annotations"] {
  const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = annotations;
  return Object.fromEntries(Object.entries({ readOnlyHint, destructiveHint, idempotentHint, openWorldHint }).filter(([, value]) => typeof value === "boolean"));
}

/**
 * One call: each progress notification becomes a preliminary result (the chip shows it), the
 * server's answer the final one. An answer marked as an error fails the call with its text.
 */
async function* callWithProgress(
  server: McpServerConfig,
  toolName: string,
  input: Record<string, unknown>,
  call: McpCall,
  abortSignal: AbortSignal | undefined,
): AsyncGenerator<McpToolOutput | { progress: string }> {
  const updates: McpProgress[] = [];
  let wake = () => {};
  let settled = false;
  const onProgress = (progress: McpProgress) => {
    updates.push(progress);
    wake();
  };
  const result = call(toolName, input, { signal: abortSignal ?? new AbortController().signal, onProgress });
  const markSettled = () => {
    settled = true;
    wake();
  };
  result.then(markSettled, markSettled);

  while (!settled || updates.length > 0) {
    const update = updates.shift();
    if (update) yield { progress: redactSecrets(progressText(update), server.secrets) };
    else await new Promise<void>((resolve) => (wake = resolve));
  }
  const answer = await result;
  const output = redactSecrets(outputOf(answer), server.secrets);
  if (answer.isError) throw new ToolFailure(`The tool answered with an error: ${output.text.slice(0, MAX_ERROR_CHARS) || "(no details)"}`);
  yield output;
}

function progressText({ progress, total, message }: McpProgress): string {
  if (message !== undefined && message.trim() !== "") return message.trim();
  return total === undefined ? `${progress}` : `${progress} of ${total}`;
}

/** The answer's text (other content named, not inlined: images and files stay out of the model's context). */
function outputOf(answer: CallToolResult): McpToolOutput {
  const content = "content" in answer && Array.isArray(answer.content) ? answer.content : [];
  const text = content.map(describeContent).join("\n\n");
  const structured = "structuredContent" in answer ? answer.structuredContent : undefined;
  return structured === undefined || structured === null ? { text } : { text, structuredContent: structured };
}

function describeContent(item: { type: string; [key: string]: unknown }): string {
  switch (item.type) {
    case "text":
      return typeof item.text === "string" ? item.text : "";
    case "image":
    case "audio":
      return `[${item.type}: ${typeof item.mimeType === "string" ? item.mimeType : "unknown type"}, not shown]`;
    case "resource_link":
      return `[resource: ${typeof item.uri === "string" ? item.uri : "?"}]`;
    case "resource": {
      const resource = typeof item.resource === "object" && item.resource !== null ? (item.resource as Record<string, unknown>) : {};
      return typeof resource.text === "string" ? resource.text : `[resource: ${typeof resource.uri === "string" ? resource.uri : "?"}]`;
    }
    default:
      return `[${item.type}]`;
  }
}
