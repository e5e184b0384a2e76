import type { Env } from "@/lib/env";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { McpConnection, type McpConnectionOptions, type McpServerStatus } from "./mcp-connection";
import type { McpServerConfig } from "./mcp-config";

export type McpTools = {
  /** The tools of the servers that are up; the same object while that does not change. */
  definitions: ToolDefinitions;
  servers: McpServerStatus[];
};

/** The configured MCP servers, one connection each, shared by every request of the process. */
export class McpServers {
  private readonly connections: McpConnection[];
  private combined: { parts: ToolDefinitions[]; definitions: ToolDefinitions } = { parts: [], definitions: {} };

  constructor(configs: readonly McpServerConfig[], options: McpConnectionOptions) {
    this.connections = configs.map((config) => new McpConnection(config, options));
  }

  /**
   * The tools and states for a turn: the servers are connected the first time side by side, each
   * within the connect timeout; later reconnects go on in the background (McpConnection.prepareForTurn).
   */
  async tools(): Promise<McpTools> {
    await Promise.all(this.connections.map((connection) => connection.prepareForTurn()));
    const parts = this.connections.map((connection) => connection.definitions);
    const unchanged = parts.length === this.combined.parts.length && parts.every((part, index) => part === this.combined.parts[index]);
    if (!unchanged) this.combined = { parts, definitions: Object.assign({}, ...parts) as ToolDefinitions };
    return { definitions: this.combined.definitions, servers: this.connections.map((connection) => connection.status()) };
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

// Kept on globalThis: `next dev` reloads modules, and a reload must not start a second set of processes.
const shared = globalThis as typeof globalThis & { parleyMcpServers?: { servers: McpServers; configs: Env["mcpServers"] } };

/** The process's MCP servers for this configuration. */
export function getMcpServers(env: Pick<Env, "mcpServers" | "MCP_CONNECT_TIMEOUT_MS" | "AWS_LAMBDA_FUNCTION_NAME">): McpServers {
  if (shared.parleyMcpServers?.configs !== env.mcpServers) {
    void shared.parleyMcpServers?.servers.close();
    const options = { connectTimeoutMs: env.MCP_CONNECT_TIMEOUT_MS, onLambda: env.AWS_LAMBDA_FUNCTION_NAME !== undefined };
    shared.parleyMcpServers = { servers: new McpServers(env.mcpServers, options), configs: env.mcpServers };
  }
  return shared.parleyMcpServers.servers;
}
