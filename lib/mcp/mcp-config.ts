import { z } from "zod";
import { toolApprovalPolicySchema, type ToolApprovalPolicy } from "../tools/tool-approval-policy.ts";

// The MCP servers whose tools the model may call, as the operator configures them (`MCP_SERVERS`,
// JSON). lib/env.ts reads and checks them; plain Node runs that file too, so this one imports
// nothing but zod and files that import nothing else, by relative paths with their extension.

/**
 * Letters, digits and hyphens, no underscore: the model sees `<server>__<tool>`, which splits back
 * at the first `__` (lib/message/mcp-tool-name.ts), and every provider accepts these characters.
 */
const MCP_SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/;

/** `${NAME}` in a header or environment value: a secret, read from the environment or SST. */
const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]{0,99})\}/g;

/** How long a result of a tool the server marks read-only is reused, unless its entry says otherwise. */
const DEFAULT_CACHE_TTL_MS = 60_000;

const toolNames = z.array(z.string().min(1).max(200)).max(500);

const common = {
  name: z.string().regex(MCP_SERVER_NAME, "1 to 30 letters, digits or '-', starting with a letter or digit (no '_')"),
  /** Only these of the server's tools are offered (by the server's own names). */
  allowTools: toolNames.min(1).optional(),
  /** These of the server's tools are never offered. */
  denyTools: toolNames.optional(),
  /** Per-call timeout of this server's tools; TOOL_TIMEOUT_MS when absent. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** How long a result of a tool the server marks read-only is reused; 0 turns that off. */
  cacheTtlMs: z.number().int().min(0).max(86_400_000).optional(),
  /** When a call of this server's tools waits for the user's approval; TOOL_APPROVAL names single tools over it. */
  approval: toolApprovalPolicySchema.optional(),
};

const httpEntrySchema = z.strictObject({
  ...common,
  /** The server's Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp. */
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "an HTTP header name"), z.string().max(8_192)).optional(),
});

const stdioEntrySchema = z.strictObject({
  ...common,
  /** A program that speaks MCP on its standard input and output, started by Parley. */
  command: z.string().min(1).max(1_000),
  args: z.array(z.string().max(4_000)).max(100).optional(),
  /** Its environment: only these, plus PATH, HOME and the like (never Parley's own secrets). */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable's name"), z.string().max(8_192)).optional(),
  cwd: z.string().min(1).max(1_000).optional(),
});

type HttpEntry = z.infer<typeof httpEntrySchema>;
type StdioEntry = z.infer<typeof stdioEntrySchema>;
type McpServerEntry = HttpEntry | StdioEntry;

type McpTransportConfig =
  | { type: "http"; url: string; headers: Record<string, string> }
  | { type: "stdio"; command: string; args: string[]; env: Record<string, string>; cwd?: string };

/** A server ready to be connected to: its secrets filled in. Server-side only: it holds them. */
export type McpServerConfig = {
  name: string;
  transport: McpTransportConfig;
  allowTools?: readonly string[];
  denyTools: readonly string[];
  timeoutMs?: number;
  cacheTtlMs: number;
  /**
   * When its tools' calls wait for approval. `hints` unless the entry says otherwise: a tool that
   * does not say it only reads or destroys nothing waits, including one the server adds later.
   */
  approval: ToolApprovalPolicy;
  /** The secret values filled into headers and env: blanked out of whatever the server sends back. */
  secrets: readonly string[];
};

const EXAMPLE = '[{"name":"everything","command":"npx","args":["-y","@modelcontextprotocol/server-everything"]}]';

/** `MCP_SERVERS` read and checked; each problem names the entry and field. */
function readMcpEntries(json: string): { entries: McpServerEntry[] } | { problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problems: [`MCP_SERVERS: must be a JSON array of servers, e.g. ${EXAMPLE}`] };
  }
  if (!Array.isArray(value)) return { problems: [`MCP_SERVERS: must be a JSON array of servers, e.g. ${EXAMPLE}`] };
  if (value.length > 50) return { problems: ["MCP_SERVERS: at most 50 servers"] };
  const problems: string[] = [];
  const entries: McpServerEntry[] = [];
  const names = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const where = `MCP_SERVERS[${index}]`;
    const isObject = typeof entry === "object" && entry !== null;
    const hasUrl = isObject && "url" in entry;
    const hasCommand = isObject && "command" in entry;
    if (hasUrl === hasCommand) {
      problems.push(`${where}: give either "url" (a Streamable HTTP server) or "command" (a stdio server)`);
      return;
    }
    const result = (hasUrl ? httpEntrySchema : stdioEntrySchema).safeParse(entry);
    if (!result.success) {
      problems.push(...result.error.issues.map((issue) => `${where}${issue.path.map((key) => `[${JSON.stringify(key)}]`).join("")}: ${issue.message}`));
      return;
    }
    const key = result.data.name.toLowerCase();
    if (names.has(key)) problems.push(`${where}.name: "${result.data.name}" is listed twice`);
    names.add(key);
    entries.push(result.data);
  });
  return problems.length > 0 ? { problems } : { entries };
}

/** The variables a server's headers and env name as `${NAME}`, to link as SST secrets too. */
export function mcpSecretVariables(json: string | undefined): string[] {
  if (json === undefined || json === "") return [];
  const read = readMcpEntries(json);
  if ("problems" in read) return [];
  const values = read.entries.flatMap((entry) => Object.values("url" in entry ? (entry.headers ?? {}) : (entry.env ?? {})));
  return [...new Set(values.flatMap((value) => [...value.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "")))];
}

/**
 * The configured servers with their secrets filled in from `variables` (the environment, SST's
 * linked secrets in it), or every problem found: a placeholder whose variable is not set is one.
 */
export function resolveMcpServers(json: string | undefined, variables: Record<string, string | undefined>): { servers: McpServerConfig[] } | { problems: string[] } {
  if (json === undefined || json === "") return { servers: [] };
  const read = readMcpEntries(json);
  if ("problems" in read) return read;
  const problems: string[] = [];
  const servers = read.entries.map((entry): McpServerConfig => {
    const secrets: string[] = [];
    const fill = (field: string) => (value: string) =>
      value.replace(PLACEHOLDER, (_placeholder, name: string) => {
        const secret = variables[name];
        if (secret === undefined || secret === "") {
          problems.push(`MCP_SERVERS: server "${entry.name}", ${field}: \${${name}} is not set (an environment variable, or the SST secret it is linked as)`);
          return "";
        }
        secrets.push(secret);
        return secret;
      });
    const transport: McpTransportConfig =
      "url" in entry
        ? { type: "http", url: entry.url, headers: mapValues(entry.headers ?? {}, (name) => fill(`header ${name}`)) }
        : { type: "stdio", command: entry.command, args: entry.args ?? [], env: mapValues(entry.env ?? {}, (name) => fill(`env ${name}`)), cwd: entry.cwd };
    return {
      name: entry.name,
      transport,
      allowTools: entry.allowTools,
      denyTools: entry.denyTools ?? [],
      timeoutMs: entry.timeoutMs,
      cacheTtlMs: entry.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
      approval: entry.approval ?? "hints",
      secrets: [...new Set(secrets)],
    };
  });
  return problems.length > 0 ? { problems } : { servers };
}

function mapValues(record: Record<string, string>, fillFor: (key: string) => (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fillFor(key)(value)]));
}
