// Settings of a deploy, read by `sst.config.ts` from the environment of `sst deploy` / `sst dev`
// (SST also loads `.env` and `.env.<stage>` next to the config into it). They shape the AWS
// resources, not the running app: the app's own configuration is `lib/env.ts`. Kept free of SST's
// globals so that it is type-checked with the app and unit-tested.

import { keySecretName, modelKeyVariables, readModelEntries } from "../ai/model-config";
import { mcpSecretVariables, resolveMcpServers } from "../mcp/mcp-config";
import { toolApprovalSettingSchema } from "../tools/tool-approval-policy";

/** How the deployed app signs people in. The secrets (client id and secret, cookie key) are SST secrets, not settings. */
export type AuthSettings =
  | {
      mode: "oidc";
      issuer: string;
      allowedEmails: string | undefined;
      allowedDomains: string | undefined;
      providerLogout: boolean;
      sessionMaxAgeSeconds: number | undefined;
    }
  /** Without login: only under `sst dev` (a local server), or anonymous on purpose. */
  | { mode: "none"; allowAnonymous: boolean };

export type DeploySettings = {
  /** Server function instances a cron pings every 5 minutes so they stay warm; 0 turns warming off. */
  warm: number;
  /** Where alarm notifications are emailed (through an SNS topic); none when unset. */
  alarmEmail: string | undefined;
  auth: AuthSettings;
  /**
   * The app's MODELS (JSON), passed on as it is, and the SST secret each of their keys is kept in
   * (`sst secret set GroqApiKey …`); none when MODELS is unset (then OpenAIApiKey alone).
   */
  models: { json: string; keySecrets: string[] } | undefined;
  /**
   * The app's MCP_SERVERS (JSON), passed on as it is, and the SST secret each of its `${NAME}`
   * placeholders is kept in (GITHUB_TOKEN: `sst secret set GithubToken …`); none when unset.
   */
  mcpServers: { json: string; secrets: string[]; mayWait: boolean } | undefined;
  /** The app's TOOL_APPROVAL (JSON), passed on as it is; none when unset. */
  toolApproval: string | undefined;
  /**
   * Whether the deployed server needs the `ToolApprovalSecret` secret to sign approval requests:
   * a call may wait for approval and there is no AuthSecret to derive the key from.
   */
  toolApprovalSecret: boolean;
};

export class DeploySettingsError extends Error {
  override name = "DeploySettingsError";
}

/** Each warm instance costs a ping every 5 minutes; more than this is a typo, not a plan. */
const MAX_WARM = 50;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const setting = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

function flag(source: Record<string, string | undefined>, name: string): boolean {
  const value = setting(source[name]);
  if (value !== undefined && value !== "true" && value !== "false") throw new DeploySettingsError(`${name} must be true or false, got "${value}"`);
  return value === "true";
}

/**
 * `dev`: the settings are for `sst dev`, where the app runs on this machine; without
 * PARLEY_AUTH_ISSUER it runs without login there. A deploy needs login, or anonymity on purpose.
 */
export function parseDeploySettings(source: Record<string, string | undefined>, { dev = false }: { dev?: boolean } = {}): DeploySettings {
  const warmText = setting(source.PARLEY_WARM);
  const warm = warmText === undefined ? 1 : Number(warmText);
  if (!Number.isInteger(warm) || warm < 0 || warm > MAX_WARM) {
    throw new DeploySettingsError(`PARLEY_WARM must be a whole number from 0 to ${MAX_WARM}, got "${warmText}"`);
  }
  const alarmEmail = setting(source.PARLEY_ALARM_EMAIL);
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    throw new DeploySettingsError(`PARLEY_ALARM_EMAIL must be an email address, got "${alarmEmail}"`);
  }
  const auth = parseAuthSettings(source, dev);
  const toolApproval = parseToolApproval(source);
  const mcpServers = parseMcpServers(source);
  // A call may wait under TOOL_APPROVAL, or as an MCP server's entry says (`hints` unless it says
  // `never`; the tools' hints arrive only at run time). Parley's own tools declare no approval (a
  // test keeps it so). With login the key is derived from AuthSecret; under `sst dev` the local
  // server keeps its own key in its data folder.
  const mayWait = toolApproval?.mayWait === true || mcpServers?.mayWait === true;
  const toolApprovalSecret = !dev && auth.mode === "none" && mayWait;
  return {
    warm,
    alarmEmail,
    auth,
    models: parseModels(source),
    mcpServers,
    toolApproval: toolApproval?.json,
    toolApprovalSecret,
  };
}

/** TOOL_APPROVAL, checked now with the app's own schema, and whether any call may wait under it. */
function parseToolApproval(source: Record<string, string | undefined>): { json: string; mayWait: boolean } | undefined {
  const json = setting(source.TOOL_APPROVAL);
  if (json === undefined) return undefined;
  const result = toolApprovalSettingSchema.safeParse(json);
  if (!result.success) {
    throw new DeploySettingsError(result.error.issues.map((issue) => `${["TOOL_APPROVAL", ...issue.path].join(".")}: ${issue.message}`).join("; "));
  }
  return { json, mayWait: Object.values(result.data).some((policy) => policy !== "never") };
}

/** MCP_SERVERS, checked now (its secrets come later, through links), and the secrets it names. */
function parseMcpServers(source: Record<string, string | undefined>): DeploySettings["mcpServers"] {
  const json = setting(source.MCP_SERVERS);
  if (json === undefined) return undefined;
  const variables = mcpSecretVariables(json);
  const checked = resolveMcpServers(json, Object.fromEntries(variables.map((variable) => [variable, "set at run time"])));
  if ("problems" in checked) throw new DeploySettingsError(checked.problems.join("; "));
  return { json, secrets: variables.map(keySecretName), mayWait: checked.servers.some((server) => server.approval !== "never") };
}

/** MODELS, checked now rather than when the deployed server starts, and the secrets its keys need. */
function parseModels(source: Record<string, string | undefined>): DeploySettings["models"] {
  const json = setting(source.MODELS);
  if (json === undefined) return undefined;
  const read = readModelEntries(json);
  if ("problems" in read) throw new DeploySettingsError(read.problems.join("; "));
  return { json, keySecrets: modelKeyVariables(json).map(keySecretName) };
}

function parseAuthSettings(source: Record<string, string | undefined>, dev: boolean): AuthSettings {
  const issuer = setting(source.PARLEY_AUTH_ISSUER);
  const mode = setting(source.PARLEY_AUTH_MODE) ?? (dev && issuer === undefined ? "none" : "oidc");
  if (mode === "none") {
    const allowAnonymous = flag(source, "PARLEY_ALLOW_ANONYMOUS");
    if (!dev && !allowAnonymous) {
      throw new DeploySettingsError(
        "PARLEY_AUTH_MODE=none deploys a Parley without login, which serves no chats on AWS: set PARLEY_ALLOW_ANONYMOUS=true to open it to everyone on purpose",
      );
    }
    return { mode, allowAnonymous };
  }
  if (mode !== "oidc") throw new DeploySettingsError(`PARLEY_AUTH_MODE must be oidc or none, got "${mode}"`);

  if (issuer === undefined) {
    throw new DeploySettingsError(
      "PARLEY_AUTH_ISSUER is required: the OpenID Connect provider people sign in with (see the README, Login), e.g. https://accounts.google.com",
    );
  }
  if (!URL.canParse(issuer)) throw new DeploySettingsError(`PARLEY_AUTH_ISSUER must be a URL, got "${issuer}"`);
  if (new URL(issuer).protocol !== "https:") throw new DeploySettingsError(`PARLEY_AUTH_ISSUER must use https, got "${issuer}"`);
  const allowedEmails = setting(source.PARLEY_ALLOWED_EMAILS);
  const allowedDomains = setting(source.PARLEY_ALLOWED_DOMAINS);
  if (allowedEmails === undefined && allowedDomains === undefined) {
    throw new DeploySettingsError("PARLEY_ALLOWED_EMAILS and/or PARLEY_ALLOWED_DOMAINS must list who may sign in");
  }
  const maxAgeText = setting(source.PARLEY_SESSION_MAX_AGE_SECONDS);
  const sessionMaxAgeSeconds = maxAgeText === undefined ? undefined : Number(maxAgeText);
  if (sessionMaxAgeSeconds !== undefined && (!Number.isInteger(sessionMaxAgeSeconds) || sessionMaxAgeSeconds < 60)) {
    throw new DeploySettingsError(`PARLEY_SESSION_MAX_AGE_SECONDS must be a whole number of seconds, at least 60, got "${maxAgeText}"`);
  }
  return { mode: "oidc", issuer, allowedEmails, allowedDomains, providerLogout: flag(source, "PARLEY_AUTH_PROVIDER_LOGOUT"), sessionMaxAgeSeconds };
}

/** The app's environment variables for these settings (lib/env.ts reads them; the secrets come through links). */
export function authEnvironment(auth: AuthSettings): Record<string, string> {
  if (auth.mode === "none") return { AUTH_MODE: "none", ...(auth.allowAnonymous ? { ALLOW_ANONYMOUS: "true" } : {}) };
  return {
    AUTH_MODE: "oidc",
    AUTH_ISSUER: auth.issuer,
    ...(auth.allowedEmails ? { ALLOWED_EMAILS: auth.allowedEmails } : {}),
    ...(auth.allowedDomains ? { ALLOWED_DOMAINS: auth.allowedDomains } : {}),
    ...(auth.providerLogout ? { AUTH_PROVIDER_LOGOUT: "true" } : {}),
    ...(auth.sessionMaxAgeSeconds === undefined ? {} : { SESSION_MAX_AGE_SECONDS: String(auth.sessionMaxAgeSeconds) }),
  };
}
