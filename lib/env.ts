import { createHmac } from "node:crypto";
import { Resource } from "sst/resource";
import { z } from "zod";
// Relative, with its extension: plain Node runs this file too (scripts/listen-host.mjs).
import { DEFAULT_STREAM_LEASE_MS } from "./store/stream-state-store.ts";
import { toolApprovalSettingSchema, type ToolApprovalPolicy } from "./tools/tool-approval-policy.ts";
import { DEMO_MODEL, keySecretName, modelKeyVariables, readModelEntries, resolveModelEntry, type ModelConfig, type ModelEntry } from "./ai/model-config.ts";
import { mcpSecretVariables, resolveMcpServers, type McpServerConfig } from "./mcp/mcp-config.ts";

// The one place that reads process.env and SST's linked resources. Everything else receives typed
// values from here.

/** Empty strings (common in .env files) count as "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const integer = (fallback: number, { min, max }: { min: number; max: number }) =>
  optional(z.coerce.number().int().min(min).max(max)).transform((value) => value ?? fallback);

/** `true` or `false` (default false); anything else is a typo worth reporting. */
const flag = optional(z.enum(["true", "false"])).transform((value) => value === "true");

/** Entries separated by commas and/or whitespace, lower-cased. */
const list = optional(z.string())
  .transform((value) => (value ?? "").split(/[\s,]+/).map((entry) => entry.trim().toLowerCase()).filter(Boolean));

const MIN_AUTH_SECRET_BYTES = 32;

/**
 * The lease is renewed at the first stop poll after a third of it has passed, and a renewal may fail
 * once and be retried on the next poll: with polls at most a sixth of the lease apart, that is done
 * well before the lease runs out.
 */
const MIN_POLLS_PER_LEASE = 6;

/** A host name, an IPv4 address, or an IPv6 address without brackets (as `next start -H` takes them). */
const LISTEN_HOST = /^(?:[a-z0-9][a-z0-9.-]*|[0-9a-f:.]*:[0-9a-f:.]*)$/i;

const url = (fallback: string) =>
  optional(z.url({ protocol: /^https?$/ })).transform((value) => (value ?? fallback).replace(/\/+$/, ""));

const envSchema = z.object({
  OPENAI_API_KEY: optional(z.string().min(1)),
  OPENAI_BASE_URL: url("https://api.openai.com/v1"),
  OPENAI_MODEL: optional(z.string().min(1)).transform((value) => value ?? "gpt-5.4-mini"),
  OPENAI_API: optional(z.enum(["responses", "chat"])).transform((value) => value ?? "responses"),
  /**
   * Several models at once, as JSON: `[{ "id", "provider", "model"?, "label"?, "baseURL"?, "api"?,
   * "apiKeyVariable"?, "contextWindow"?, "price"? }]` (lib/ai/model-config.ts). Unset: the model of
   * the OPENAI_* variables, when OPENAI_API_KEY is set. The demo model is always offered too.
   */
  MODELS: optional(z.string().min(1)),
  /** The id of the model new chats start with; the first configured one when unset. */
  DEFAULT_MODEL: optional(z.string().min(1)),
  /** Retries of a failed model call (429, 5xx, network), with exponential backoff. */
  MODEL_MAX_RETRIES: integer(2, { min: 0, max: 10 }),
  MAX_STEPS: integer(5, { min: 1, max: 20 }),
  /** Tool calls one model step may start; the model hears that the calls beyond were not run. */
  MAX_TOOL_CALLS_PER_STEP: integer(10, { min: 1, max: 100 }),
  /** The most one model call may write (reasoning included); each call's token reservation counts on it. */
  MAX_OUTPUT_TOKENS: integer(16_384, { min: 16, max: 1_000_000 }),
  TOOL_TIMEOUT_MS: integer(30_000, { min: 100, max: 600_000 }),
  /** Longest silence on the chat stream before a keepalive comment is sent. */
  HEARTBEAT_MS: integer(15_000, { min: 100, max: 60_000 }),
  /** The most bytes of an answer one connection may leave unread; a client further behind is cut off. */
  STREAM_MAX_UNREAD_BYTES: integer(4 * 1024 * 1024, { min: 16 * 1024, max: 256 * 1024 * 1024 }),
  /** Milliseconds between tokens of the offline demo model. */
  DEMO_MODEL_TOKEN_DELAY_MS: integer(28, { min: 0, max: 2_000 }),
  /**
   * MCP servers whose tools the model may call, as JSON: `[{ "name", "url", "headers"? } |
   * { "name", "command", "args"?, "env"?, "cwd"? }]`, each with optional "allowTools", "denyTools",
   * "timeoutMs", "cacheTtlMs" (lib/mcp/mcp-config.ts). `${NAME}` in a header or env value is a secret.
   */
  MCP_SERVERS: optional(z.string().min(1)),
  /** How long a request waits for an MCP server to connect and list its tools before going on without them. */
  MCP_CONNECT_TIMEOUT_MS: integer(5_000, { min: 100, max: 60_000 }),
  GEOCODING_API_URL: url("https://geocoding-api.open-meteo.com"),
  WEATHER_API_URL: url("https://api.open-meteo.com"),

  /**
   * Which tools' calls wait for the user's approval, as JSON: `{ "<tool>": "always" | "never" |
   * "hints" }`. A tool not named follows its own declaration (built-in tools: never).
   */
  TOOL_APPROVAL: optional(toolApprovalSettingSchema).transform((value) => value ?? {}),
  /** Signs approval requests, so a client cannot forge an approval; at least 32 bytes. Default: derived from AUTH_SECRET. */
  TOOL_APPROVAL_SECRET: optional(
    z.string().refine((value) => new TextEncoder().encode(value).length >= MIN_AUTH_SECRET_BYTES, {
      message: `must be at least ${MIN_AUTH_SECRET_BYTES} bytes long (e.g. \`openssl rand -base64 32\`)`,
    }),
  ),

  /** Where conversations live: `sqlite` (embedded default) or `dynamodb` (the default when a table is configured). */
  CHAT_STORE: optional(z.enum(["sqlite", "dynamodb"])),
  /** Folder of the SQLite file. */
  PARLEY_DATA_DIR: optional(z.string().min(1)).transform((value) => value ?? ".data"),
  DYNAMODB_TABLE: optional(z.string().min(3).max(255)),
  /** A local DynamoDB-compatible server, e.g. http://127.0.0.1:8000. */
  DYNAMODB_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  AWS_REGION: optional(z.string().min(1)),
  /** How often a generating request checks whether Stop was pressed (possibly on another instance). */
  STOP_POLL_MS: integer(400, { min: 50, max: 5_000 }),
  /**
   * How long a generating request's claim on its chat lasts without renewal (the stop poll renews it
   * every third of it). A process that dies mid-answer is noticed this long after its last renewal:
   * the chat is free again and the partial answer is stored, marked interrupted.
   */
  STREAM_LEASE_MS: integer(DEFAULT_STREAM_LEASE_MS, { min: 1_000, max: 600_000 }),
  /** How often a generating request appends the answer's new chunks to the live-answer log, and a resuming reader polls it. */
  STREAM_LOG_FLUSH_MS: integer(250, { min: 20, max: 5_000 }),
  /** Set by Next: `development` under `next dev`. */
  NODE_ENV: optional(z.enum(["development", "production", "test"])).transform((value) => value ?? "production"),
  /** Messages one user may send per minute; 0 = no limit. */
  RATE_LIMIT_MESSAGES_PER_MINUTE: integer(20, { min: 0, max: 10_000 }),
  /** Model tokens one user may use per day (UTC); 0 = no limit. */
  DAILY_TOKEN_BUDGET: integer(500_000, { min: 0, max: 1_000_000_000 }),
  /** The server's log level (JSON lines); on Lambda, AWS_LAMBDA_LOG_LEVEL takes precedence. */
  LOG_LEVEL: optional(z.enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL"])).transform((value) => value ?? "INFO"),

  /** `none`: one local user, no login (the local default). `oidc`: login with an OpenID Connect provider. */
  AUTH_MODE: optional(z.enum(["none", "oidc"])).transform((value) => value ?? "none"),
  /** The provider's Issuer Identifier; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  AUTH_ISSUER: optional(z.url({ protocol: /^https?$/ })),
  AUTH_CLIENT_ID: optional(z.string().min(1)),
  AUTH_CLIENT_SECRET: optional(z.string().min(1)),
  /** Encrypts the session and login cookies; at least 32 bytes (e.g. `openssl rand -base64 32`). */
  AUTH_SECRET: optional(
    z.string().refine((value) => new TextEncoder().encode(value).length >= MIN_AUTH_SECRET_BYTES, {
      message: `must be at least ${MIN_AUTH_SECRET_BYTES} bytes long (e.g. \`openssl rand -base64 32\`)`,
    }),
  ),
  AUTH_SCOPES: optional(z.string().regex(/(^|\s)openid(\s|$)/, 'must include "openid"')).transform((value) => value ?? "openid email profile"),
  /** Sign-out also ends the session at the provider (RP-initiated logout), when it offers that. */
  AUTH_PROVIDER_LOGOUT: flag,
  /** Who may use Parley: verified email addresses and/or email domains, separated by commas or spaces. */
  ALLOWED_EMAILS: list,
  ALLOWED_DOMAINS: list,
  /** How long a sign-in lasts. Browsers cap cookies at 400 days. */
  SESSION_MAX_AGE_SECONDS: integer(7 * 24 * 60 * 60, { min: 60, max: 400 * 24 * 60 * 60 }),
  /**
   * The interface `npm start` and `npm run dev` listen on (scripts/listen-host.mjs reads it before
   * Next starts): this machine only by default; `0.0.0.0` for every interface.
   */
  HOST: optional(z.string().regex(LISTEN_HOST, "must be a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0")).transform(
    (value) => value ?? "127.0.0.1",
  ),
  /**
   * How many server processes `npm start` runs (scripts/start-cluster.mjs reads it before Next
   * starts): by default one per core the machine offers this process; 1 for a single server.
   */
  WEB_CONCURRENCY: optional(z.coerce.number().int().min(1).max(1024)),
  /** The public origin (e.g. https://chat.example.com) when a proxy in front hides it; by default it comes from the request. */
  APP_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) => (value === undefined ? undefined : new URL(value).origin)),
  /** With AUTH_MODE=none on AWS Lambda, chats are served only when this is `true`: anonymous on purpose. */
  ALLOW_ANONYMOUS: flag,
  /** Set by AWS Lambda itself: the server runs there. */
  AWS_LAMBDA_FUNCTION_NAME: optional(z.string().min(1)),
});

type ParsedEnv = z.infer<typeof envSchema>;

/** How people sign in; the OIDC settings are all present when the mode is `oidc`. */
export type AuthConfig =
  | { mode: "none" }
  | {
      mode: "oidc";
      issuer: string;
      clientId: string;
      clientSecret: string;
      secret: string;
      scopes: string;
      providerLogout: boolean;
      allowedEmails: readonly string[];
      allowedDomains: readonly string[];
      sessionMaxAgeSeconds: number;
    };

export type Env = Omit<ParsedEnv, "CHAT_STORE" | "MODELS" | "MCP_SERVERS" | "TOOL_APPROVAL_SECRET"> & {
  CHAT_STORE: "sqlite" | "dynamodb";
  TOOL_APPROVAL: Readonly<Record<string, ToolApprovalPolicy>>;
  /**
   * The key approvals are signed with: TOOL_APPROVAL_SECRET, or one derived from AUTH_SECRET;
   * undefined without either (lib/tools/tool-approval-settings.ts then keeps one in the data folder).
   */
  toolApprovalSecret: string | undefined;
  auth: AuthConfig;
  /** The models a chat may use, the demo model last. */
  models: readonly ModelConfig[];
  /** The one new chats use. */
  defaultModelId: string;
  /** The MCP servers, their secrets filled in (never logged, never sent to the browser or the model). */
  mcpServers: readonly McpServerConfig[];
};

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const env = result.data;
  if (env.STREAM_LEASE_MS < MIN_POLLS_PER_LEASE * env.STOP_POLL_MS) {
    throw new EnvError(
      `Invalid configuration:\n  STREAM_LEASE_MS: must be at least ${MIN_POLLS_PER_LEASE} × STOP_POLL_MS (${MIN_POLLS_PER_LEASE * env.STOP_POLL_MS}), so the claim is renewed in time`,
    );
  }
  const store = env.CHAT_STORE ?? (env.DYNAMODB_TABLE ? "dynamodb" : "sqlite");
  if (store === "dynamodb" && !env.DYNAMODB_TABLE) {
    throw new EnvError("Invalid configuration:\n  DYNAMODB_TABLE: required when CHAT_STORE is dynamodb");
  }
  const models = modelsOf(env, source);
  const defaultModelId = env.DEFAULT_MODEL ?? models[0]?.id ?? DEMO_MODEL.id;
  if (!models.some((model) => model.id === defaultModelId)) {
    throw new EnvError(`Invalid configuration:\n  DEFAULT_MODEL: "${defaultModelId}" is not among the models (${models.map((model) => model.id).join(", ")})`);
  }
  const mcp = resolveMcpServers(env.MCP_SERVERS, source);
  if ("problems" in mcp) throw new EnvError(`Invalid configuration:\n  ${mcp.problems.join("\n  ")}`);
  const { MODELS: _models, MCP_SERVERS: _mcpServers, TOOL_APPROVAL_SECRET, ...rest } = env;
  // Its own key, not AUTH_SECRET itself: a signature never helps anyone guess the cookies' key.
  const toolApprovalSecret = TOOL_APPROVAL_SECRET ?? (env.AUTH_SECRET && createHmac("sha256", env.AUTH_SECRET).update("parley tool approval").digest("base64url"));
  return { ...rest, CHAT_STORE: store, auth: authConfig(env), models, defaultModelId, mcpServers: mcp.servers, toolApprovalSecret };
}

/** OpenAI's own API: the shorthand's other base URLs are OpenAI-compatible servers. */
const OPENAI_HOST = "api.openai.com";

/** The configured models, each with its key, then the demo model. */
function modelsOf(env: ParsedEnv, source: Record<string, string | undefined>): ModelConfig[] {
  const entries = env.MODELS === undefined ? shorthandEntries(env) : parseModelEntries(env.MODELS);
  const variables = env.MODELS === undefined ? { OPENAI_API_KEY: env.OPENAI_API_KEY } : source;
  const problems: string[] = [];
  const models: ModelConfig[] = [];
  for (const entry of entries) {
    const resolved = resolveModelEntry(entry, variables);
    if ("problem" in resolved) problems.push(`MODELS: ${resolved.problem}`);
    else models.push(resolved);
  }
  if (problems.length > 0) throw new EnvError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  return [...models, DEMO_MODEL];
}

/** OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL and OPENAI_API: one model, or none without a key. */
function shorthandEntries(env: ParsedEnv): ModelEntry[] {
  if (env.OPENAI_API_KEY === undefined) return [];
  const provider = new URL(env.OPENAI_BASE_URL).hostname === OPENAI_HOST ? "openai" : "openai-compatible";
  return [{ id: env.OPENAI_MODEL, provider, baseURL: env.OPENAI_BASE_URL, api: env.OPENAI_API, apiKeyVariable: "OPENAI_API_KEY" }];
}

function parseModelEntries(json: string): ModelEntry[] {
  const read = readModelEntries(json);
  if ("problems" in read) throw new EnvError(`Invalid configuration:\n  ${read.problems.join("\n  ")}`);
  return read.entries;
}

/**
 * The interface to listen on, checked, for scripts/listen-host.mjs: it runs before Next starts, so
 * it reads HOST alone (the rest of the configuration may be in .env files, which Next reads later).
 */
export function listenHost(source: Record<string, string | undefined>): string {
  const result = envSchema.shape.HOST.safeParse(source.HOST);
  if (!result.success) throw new EnvError(`Invalid configuration:\n  HOST: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

/**
 * How many server processes `npm start` runs, checked, for scripts/start-cluster.mjs: it reads
 * WEB_CONCURRENCY alone, before Next starts; unset, one per core (`availableCores`).
 */
export function serverProcessCount(source: Record<string, string | undefined>, availableCores: number): number {
  const result = envSchema.shape.WEB_CONCURRENCY.safeParse(source.WEB_CONCURRENCY);
  if (!result.success) {
    throw new EnvError(`Invalid configuration:\n  WEB_CONCURRENCY: ${result.error.issues[0]?.message ?? "invalid"} (the number of server processes)`);
  }
  return result.data ?? Math.max(1, availableCores);
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL's hostname (IPv6 in brackets) names this machine's loopback interface. */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** The login settings, checked together: with AUTH_MODE=oidc every one of them is needed. */
function authConfig(env: ParsedEnv): AuthConfig {
  if (env.AUTH_MODE === "none") return { mode: "none" };
  const problems: string[] = [];
  const required = (name: "AUTH_ISSUER" | "AUTH_CLIENT_ID" | "AUTH_CLIENT_SECRET" | "AUTH_SECRET") => {
    const value = env[name];
    if (value === undefined) problems.push(`${name}: required when AUTH_MODE is oidc`);
    return value ?? "";
  };
  const issuer = required("AUTH_ISSUER");
  const clientId = required("AUTH_CLIENT_ID");
  const clientSecret = required("AUTH_CLIENT_SECRET");
  const secret = required("AUTH_SECRET");
  if (issuer) {
    const { protocol, hostname } = new URL(issuer);
    if (protocol === "http:" && !isLoopbackHostname(hostname)) problems.push("AUTH_ISSUER: must use https (http only for localhost)");
  }
  if (env.ALLOWED_EMAILS.length === 0 && env.ALLOWED_DOMAINS.length === 0) {
    problems.push("ALLOWED_EMAILS / ALLOWED_DOMAINS: list who may sign in (at least one email address or domain)");
  }
  if (problems.length > 0) throw new EnvError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  return {
    mode: "oidc",
    issuer,
    clientId,
    clientSecret,
    secret,
    scopes: env.AUTH_SCOPES,
    providerLogout: env.AUTH_PROVIDER_LOGOUT,
    allowedEmails: env.ALLOWED_EMAILS,
    allowedDomains: env.ALLOWED_DOMAINS.map((domain) => domain.replace(/^@/, "")),
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
  };
}

/**
 * What `sst.config.ts` links to the site: the property Parley reads and the variable it stands in
 * for. SST hands linked resources to the Lambda in an encrypted file it decrypts at start-up, and to
 * `sst dev` and to the `next build` of `sst deploy` as `SST_RESOURCE_<Name>` variables holding JSON;
 * `Resource` from `sst` reads both. Outside SST there are neither, and reading `Resource.X` throws:
 * ask `"X" in Resource` first.
 */
const linkedResources = [
  { name: "OpenAIApiKey", property: "value", variable: "OPENAI_API_KEY" },
  { name: "Chats", property: "name", variable: "DYNAMODB_TABLE" },
  { name: "AuthClientId", property: "value", variable: "AUTH_CLIENT_ID" },
  { name: "AuthClientSecret", property: "value", variable: "AUTH_CLIENT_SECRET" },
  { name: "AuthSecret", property: "value", variable: "AUTH_SECRET" },
  { name: "ToolApprovalSecret", property: "value", variable: "TOOL_APPROVAL_SECRET" },
] as const satisfies readonly { name: keyof Resource; property: string; variable: keyof z.input<typeof envSchema> }[];

/**
 * The environment with each linked resource in place of its variable, so a linked resource wins
 * over the environment variable, which wins over the embedded default (`envSchema`). An empty
 * linked value counts as not linked. `resource` is SST's `Resource`; tests pass a plain object.
 */
export function withLinkedResources(
  environment: Record<string, string | undefined>,
  resource: object,
): Record<string, string | undefined> {
  const linked: Record<string, string> = {};
  // The keys of the models in MODELS are secrets too, named after their variables (GROQ_API_KEY: GroqApiKey).
  const modelKeys = modelKeyVariables(environment.MODELS).map((variable) => ({ name: keySecretName(variable), property: "value", variable }));
  // So are the MCP servers' `${NAME}` placeholders (GITHUB_TOKEN: GithubToken).
  const mcpSecrets = mcpSecretVariables(environment.MCP_SERVERS).map((variable) => ({ name: keySecretName(variable), property: "value", variable }));
  for (const { name, property, variable } of [...linkedResources, ...modelKeys, ...mcpSecrets]) {
    if (!(name in resource)) continue;
    const value: unknown = (resource as Record<string, Record<string, unknown> | undefined>)[name]?.[property];
    if (typeof value !== "string") {
      throw new EnvError(`Invalid configuration:\n  ${variable}: the linked resource ${name} has no ${property}`);
    }
    if (value !== "") linked[variable] = value;
  }
  return { ...environment, ...linked };
}

let cached: Env | undefined;

/** The validated configuration, read once per process: linked resources, then process.env, then defaults. */
export function getEnv(): Env {
  cached ??= parseEnv(withLinkedResources(process.env, Resource));
  return cached;
}
