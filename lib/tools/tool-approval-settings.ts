import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { needsApproval, type ToolApprovalPolicy } from "./tool-approval-policy";
import type { ToolDefinitions } from "./tool-definition";

export type ToolApprovalSettings = {
  /** The operator's policy per tool name (TOOL_APPROVAL); a tool not named follows its declaration. */
  policies: Readonly<Record<string, ToolApprovalPolicy>>;
  /** Signs each approval request and checks it when the approval comes back. Never sent to a client. */
  secret: string;
  /**
   * Set for a client that cannot be asked (the /v1 API, for now): a call that needs approval is
   * denied with this reason, and the model is told, instead of waiting.
   */
  denyReason?: string;
};

type ApprovalEnv = Pick<Env, "TOOL_APPROVAL" | "toolApprovalSecret" | "PARLEY_DATA_DIR" | "AWS_LAMBDA_FUNCTION_NAME" | "mcpServers">;

/** The approval settings for these tools; none when no call of any of them waits for approval. */
export async function toolApprovalSettings(env: ApprovalEnv, definitions: ToolDefinitions): Promise<ToolApprovalSettings | undefined> {
  const policies = env.TOOL_APPROVAL;
  reportUnknownNames(env, definitions);
  const anyApproval = Object.entries(definitions).some(([name, definition]) => needsApproval(definition.runtime, policies[name]));
  return anyApproval ? { policies, secret: await toolApprovalSecret(env) } : undefined;
}

/** The settings already checked for names of no tool (the configuration is read once per process). */
const checkedPolicies = new WeakSet<object>();

/**
 * A TOOL_APPROVAL name that is no tool's would leave the tool it meant unasked: said once, in the
 * log. A name of a configured MCP server's tool counts as known, as the server may be down now.
 */
function reportUnknownNames({ TOOL_APPROVAL: policies, mcpServers }: ApprovalEnv, definitions: ToolDefinitions): void {
  if (checkedPolicies.has(policies)) return;
  checkedPolicies.add(policies);
  const isMcpToolName = (name: string) => mcpServers.some((server) => name.startsWith(`${server.name}__`));
  const unknown = Object.keys(policies).filter((name) => !(name in definitions) && !isMcpToolName(name));
  if (unknown.length > 0) logger.warn("TOOL_APPROVAL names no tool: check the names (an MCP tool is <server>__<tool>)", { names: unknown });
}

const SECRET_FILE = "tool-approval-secret";

/** Read once per data folder and process. */
const keptSecrets = new Map<string, Promise<string>>();

/**
 * The key approval requests are signed with: the configured one; locally, without one, a key kept
 * in the data folder, so every server process of this data (and a restart) accepts what another
 * signed. On Lambda there is no such folder: the operator sets one.
 */
function toolApprovalSecret(env: ApprovalEnv): Promise<string> {
  if (env.toolApprovalSecret !== undefined) return Promise.resolve(env.toolApprovalSecret);
  if (env.AWS_LAMBDA_FUNCTION_NAME !== undefined) {
    return Promise.reject(new ParleyError("not_configured", "Tool approval needs TOOL_APPROVAL_SECRET or AUTH_SECRET on this server."));
  }
  const file = path.join(env.PARLEY_DATA_DIR, SECRET_FILE);
  let secret = keptSecrets.get(file);
  if (!secret) {
    secret = readOrCreateSecret(file).catch((error: unknown) => {
      keptSecrets.delete(file);
      throw error;
    });
    keptSecrets.set(file, secret);
  }
  return secret;
}

async function readOrCreateSecret(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  // `wx`: of two processes starting at once, one writes and both read what it wrote.
  await writeFile(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  return (await readFile(file, "utf8")).trim();
}
