import { createMCPClient, MCPClientError, type CallToolResult, type MCPClient, type MCPTransport } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import { errorForLog } from "@/lib/observability/error-for-log";
import { logger } from "@/lib/observability/logger";
import type { ToolDefinitions } from "@/lib/tools/tool-definition";
import { ToolFailure } from "@/lib/tools/tool-errors";
import { scrubSecrets } from "@/lib/tools/scrub-secrets";
import { withCallHooks, type CallerHooks } from "./call-tracker";
import { hookedFetch } from "./hooked-fetch";
import { HookedTransport, type TransportEvents } from "./hooked-transport";
import type { McpServerConfig } from "./mcp-config";
import { mcpToolDefinitions, type ListedTool } from "./mcp-tool-definitions";
import { redactSecrets } from "./redact-secrets";

/** What the UI and GET /api/tools say about a server. */
export type McpServerStatus = {
  name: string;
  transport: "http" | "stdio";
  status: "available" | "unavailable";
  /** Why its tools are not offered now (safe to show: no secret, no URL). */
  reason?: string;
  /** Its tools as the model knows them; while it is unavailable, the ones it had when it was last up. */
  tools: { name: string; title?: string }[];
};

export type McpConnectionOptions = {
  /** How long connecting and listing the tools may take, together. */
  connectTimeoutMs: number;
  /** On AWS Lambda no process is started for a stdio server. */
  onLambda: boolean;
  now?: () => number;
};

export const STDIO_ON_LAMBDA = "stdio servers are not started on AWS Lambda; use a Streamable HTTP server there";
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
const NO_TOOLS: ToolDefinitions = {};

/** `listing`: the tools as the server listed them, to tell a real change from a repeated listing. */
type Ready = { client: MCPClient; definitions: ToolDefinitions; listing: string };

/** The answer's stream ended before the answer did: the server went away mid-call. */
class ConnectionGoneError extends Error {
  override name = "ConnectionGoneError";
}

/** The server refused the call's request for its session (it restarted and forgot it): it never ran the call. */
class SessionGoneError extends Error {
  override name = "SessionGoneError";
}

/**
 * One MCP server, connected lazily and kept connected between requests. A server that cannot be
 * reached is tried again after a backoff (1 s, doubling, at most a minute), and no request waits
 * for it meanwhile; a connection found gone (the process exited, the session is unknown after a
 * restart) is made anew on the next use. When the server says its tools changed, the next refresh
 * lists them again on the same connection.
 */
export class McpConnection {
  private ready: Ready | undefined;
  private connecting: Promise<void> | undefined;
  private problem: { reason: string; retryAt: number } | undefined;
  private failedAttempts = 0;
  /** The tools as last listed, so an unavailable server's tools can still be named. */
  private known: ToolDefinitions = NO_TOOLS;
  /** The server said its tools changed since they were last listed. */
  private toolsChanged = false;
  /** Closed for good (the set of servers was replaced): nothing connects any more. */
  private closed = false;
  /** A connect was tried at least once. */
  private attempted = false;
  private readonly now: () => number;

  constructor(
    readonly config: McpServerConfig,
    private readonly options: McpConnectionOptions,
  ) {
    this.now = options.now ?? Date.now;
    if (options.onLambda && config.transport.type === "stdio") this.problem = { reason: STDIO_ON_LAMBDA, retryAt: Infinity };
  }

  /**
   * Connects if it is time to (not while a failure's backoff lasts), or lists the tools again if the
   * server said they changed; settles within the connect timeout.
   */
  refresh(): Promise<void> {
    if (this.closed || (this.ready && !this.toolsChanged) || (this.problem && this.now() < this.problem.retryAt)) return Promise.resolve();
    this.connecting ??= (this.ready ? this.listAgain(this.ready.client) : this.connect()).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * What a turn waits for before it answers: the first connect (so the first turn has the tools),
   * a new listing on a live connection whose tools changed, and the first connect after a lost
   * connection (a restarted server is usually back at once). Once a connect has failed, the next
   * ones go on in the background: a server that stays down or silent costs no turn its first byte,
   * and the turn offers what is ready now.
   */
  prepareForTurn(): Promise<void> {
    const waits = !this.attempted || this.ready !== undefined || this.failedAttempts === 0;
    const refreshing = this.refresh();
    return waits ? refreshing : Promise.resolve();
  }

  /** The tools offered now: none while the server is unavailable. The same object until the connection or its tools change. */
  get definitions(): ToolDefinitions {
    return this.ready?.definitions ?? NO_TOOLS;
  }

  status(): McpServerStatus {
    const tools = Object.entries(this.known).map(([name, definition]) => ({ name, ...(definition.mcp?.title !== undefined && { title: definition.mcp.title }) }));
    const base = { name: this.config.name, transport: this.config.transport.type, tools };
    if (this.ready) return { ...base, status: "available" };
    return { ...base, status: "unavailable", reason: this.problem?.reason ?? "not connected yet" };
  }

  /** Ends the connection for good: a connect still under way closes what it made (a stdio server's process too). */
  async close(): Promise<void> {
    this.closed = true;
    const ready = this.ready;
    this.ready = undefined;
    await Promise.all([ready?.client.close().catch(() => undefined), this.connecting]);
  }

  private async connect(): Promise<void> {
    this.attempted = true;
    const signal = AbortSignal.timeout(this.options.connectTimeoutMs);
    let client: MCPClient | undefined;
    try {
      client = await createMCPClient({
        transport: this.transportConfig({ onLost: () => this.lose(client, "the server's process ended"), onToolsChanged: () => (this.toolsChanged = true) }),
        clientName: "parley",
        initializationOptions: { signal },
        onUncaughtError: (error) => logger.debug("MCP client message", { server: this.config.name, error: errorForLog(this.redact(error)) }),
      });
      await this.listTools(client, signal);
      this.problem = undefined;
      this.failedAttempts = 0;
    } catch (error) {
      void client?.close().catch(() => undefined);
      this.failedAttempts++;
      const reason = this.connectFailureReason(error, signal);
      const retryInMs = Math.min(FIRST_RETRY_MS * 2 ** (this.failedAttempts - 1), MAX_RETRY_MS);
      this.problem = { reason, retryAt: this.now() + retryInMs };
      logger.warn("MCP server unavailable", { server: this.config.name, reason, retryInMs });
    }
  }

  /** The server said its tools changed: they are listed again on the same connection; a listing that fails loses it. */
  private async listAgain(client: MCPClient): Promise<void> {
    const signal = AbortSignal.timeout(this.options.connectTimeoutMs);
    try {
      await this.listTools(client, signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const timeout = `did not list its tools within ${this.options.connectTimeoutMs / 1000} s`;
      this.lose(client, signal.aborted ? timeout : `could not list its tools: ${this.redactText(message).slice(0, 200)}`);
    }
  }

  /** Lists the tools on `client` and offers them from then on. */
  private async listTools(client: MCPClient, signal: AbortSignal): Promise<void> {
    // A change said while they are listed is listed on the next refresh.
    this.toolsChanged = false;
    const listed = await listAllTools(client, signal);
    if (this.closed) {
      await client.close().catch(() => undefined);
      return;
    }
    const listing = JSON.stringify(listed);
    // Servers say so for tools they add right after connecting too: the same tools keep the same definitions.
    const definitions =
      this.ready?.client === client && this.ready.listing === listing
        ? this.ready.definitions
        : mcpToolDefinitions(this.config, listed, (toolName, input, hooks) => this.call(toolName, input, hooks));
    this.ready = { client, definitions, listing };
    this.known = definitions;
  }

  private transportConfig(events: TransportEvents) {
    const transport = this.config.transport;
    if (transport.type === "http") {
      return { type: "http" as const, url: transport.url, headers: transport.headers, fetch: hookedFetch(events.onToolsChanged), redirect: "error" as const };
    }
    const stdio = new StdioMCPTransport({ command: transport.command, args: transport.args, env: transport.env, cwd: transport.cwd, stderr: "inherit" });
    return new HookedTransport(stdio, events) satisfies MCPTransport;
  }

  /**
   * Calls a tool on the current connection (made anew first if it was lost). A server that went
   * away fails the call; one that restarted and no longer knows the session never ran it, so it is
   * called once more on a new connection.
   */
  private async call(toolName: string, input: Record<string, unknown>, hooks: CallerHooks): Promise<CallToolResult> {
    for (let attempt = 0; ; attempt++) {
      await this.refresh();
      const ready = this.ready;
      if (!ready) throw new ToolFailure(`The MCP server "${this.config.name}" is unavailable: ${this.problem?.reason ?? "not connected"}.`);
      try {
        return await callOn(ready.client, toolName, input, hooks);
      } catch (error) {
        if (hooks.signal.aborted) throw error;
        const failure = classifyCallFailure(error);
        if (failure === "refused") {
          const message = error instanceof Error ? error.message : String(error);
          throw new ToolFailure(`The MCP server "${this.config.name}" refused the call: ${this.redactText(message).slice(0, 300)}`);
        }
        this.lose(ready.client, failure === "session-gone" ? "the server no longer knew the session (it restarted)" : "the connection was lost");
        if (failure === "session-gone" && attempt === 0) continue;
        throw new ToolFailure(`The MCP server "${this.config.name}" went away during the call.`);
      }
    }
  }

  /** The connection of `client` is gone: the next use connects again, at once the first time. */
  private lose(client: MCPClient | undefined, reason: string): void {
    if (!client || this.ready?.client !== client) return;
    this.ready = undefined;
    this.problem = { reason, retryAt: this.now() };
    logger.warn("MCP server connection lost", { server: this.config.name, reason });
    void client.close().catch(() => undefined);
  }

  private connectFailureReason(error: unknown, signal: AbortSignal): string {
    if (signal.aborted) return `did not answer within ${this.options.connectTimeoutMs / 1000} s`;
    const code = errorCode(error);
    if (code === "ENOENT") return "its command was not found";
    if (code === "EACCES") return "its command could not be run (permission denied)";
    if (code === "ECONNREFUSED") return "refused the connection (is it running?)";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "its host name could not be resolved";
    if (MCPClientError.isInstance(error) && error.statusCode !== undefined) {
      return error.statusCode === 401 || error.statusCode === 403 ? `refused the credentials (HTTP ${error.statusCode})` : `answered HTTP ${error.statusCode}`;
    }
    const message = error instanceof Error ? error.message : String(error);
    return `could not connect: ${this.redactText(message).slice(0, 200)}`;
  }

  private redact(error: unknown): unknown {
    return error instanceof Error ? Object.assign(new Error(this.redactText(error.message)), { name: error.name }) : error;
  }

  private redactText(text: string): string {
    return scrubSecrets(redactSecrets(text, this.config.secrets));
  }
}

/** All the server's tools, page by page, within the connect deadline. */
async function listAllTools(client: MCPClient, signal: AbortSignal): Promise<ListedTool[]> {
  const tools: ListedTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools({ ...(cursor !== undefined && { params: { cursor } }), options: { signal } });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

/** `callTool` with Parley's hooks, failing as soon as the answer's stream ends without it. */
function callOn(client: MCPClient, toolName: string, input: Record<string, unknown>, hooks: CallerHooks): Promise<CallToolResult> {
  return new Promise((resolve, reject) => {
    let sessionGone = false;
    const onGone = () => reject(new ConnectionGoneError("The answer's stream ended without the answer."));
    const onSessionGone = () => (sessionGone = true);
    withCallHooks({ ...hooks, onGone, onSessionGone }, () => client.callTool({ name: toolName, arguments: input, options: { signal: hooks.signal } })).then(
      resolve,
      (error: unknown) => reject(sessionGone ? new SessionGoneError("The server no longer knew the session.", { cause: error }) : error),
    );
  });
}

/**
 * `session-gone`: the server refused the request for its session (hooked-fetch.ts saw the status),
 * so it never ran the call and it may be sent again; `refused`: the server answered with a JSON-RPC
 * error (unknown tool, invalid arguments, or a server error: the call may have run, so never again);
 * `gone`: the connection broke.
 */
function classifyCallFailure(error: unknown): "refused" | "session-gone" | "gone" {
  if (error instanceof SessionGoneError) return "session-gone";
  if (!MCPClientError.isInstance(error)) return "gone";
  return error.code === undefined ? "gone" : "refused";
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && "code" in current && typeof current.code === "string") return current.code;
    current = typeof current === "object" && "cause" in current ? current.cause : undefined;
  }
  return undefined;
}
