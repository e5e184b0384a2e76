import { getEnv, type Env } from "@/lib/env";
import type { McpServerStatus } from "@/lib/mcp/mcp-connection";
import { getMcpServers } from "@/lib/mcp/mcp-servers";
import type { ToolDefinitions } from "./tool-definition";

export type ToolSet = {
  /** Parley's own tools and those of the MCP servers that are up. */
  definitions: ToolDefinitions;
  /** Each configured MCP server: whether its tools are offered, and why not. */
  mcpServers: McpServerStatus[];
};

let combined: { own: ToolDefinitions; mcp: ToolDefinitions; definitions: ToolDefinitions } | undefined;

/**
 * The tools a request offers the model: `own` (the app's, `toolDefinitions` of `@/tools`) and the
 * MCP servers' beside them. The object stays the same while the set does (what is worked out per
 * tool set, such as validation schemas, is kept); without MCP servers it is `own` itself.
 */
export async function withMcpTools(own: ToolDefinitions, env: Pick<Env, "mcpServers" | "MCP_CONNECT_TIMEOUT_MS" | "AWS_LAMBDA_FUNCTION_NAME"> = getEnv()): Promise<ToolSet> {
  if (env.mcpServers.length === 0) return { definitions: own, mcpServers: [] };
  const mcp = await getMcpServers(env).tools();
  if (combined?.own !== own || combined.mcp !== mcp.definitions) combined = { own, mcp: mcp.definitions, definitions: { ...own, ...mcp.definitions } };
  return { definitions: combined.definitions, mcpServers: mcp.servers };
}
