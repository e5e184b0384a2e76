import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
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

type ApprovalEnv = Pick<Env, "TOOL_APPROVAL" | "toolApprovalSecret" | "PARLEY_DATA_DIR" | "AWS_LAMBDA_FUNCTION_NAME">;

/** The approval settings for these tools; none when no call of any of them waits for approval. */
export async function toolApprovalSettings(env: ApprovalEnv, definitions: ToolDefinitions): Promise<ToolApprovalSettings | undefined> {
  const policies = env.TOOL_APPROVAL;
  const anyApproval = Object.entries(definitions).some(([name, definition]) => needsApproval(definition.runtime, policies[name]));
  return anyApproval ? { policies, secret: await toolApprovalSecret(env) } : undefined;
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
