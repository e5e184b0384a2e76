import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { needsApproval } from "@/lib/tools/tool-approval-policy";
import { toolDefinitions } from "@/tools";
import { authEnvironment, DeploySettingsError, parseDeploySettings } from "./deploy-settings";

const login = { PARLEY_AUTH_ISSUER: "https://accounts.example.com", PARLEY_ALLOWED_DOMAINS: "example.com" };

describe("parseDeploySettings", () => {
  it("keeps one instance warm and sends no alarm email by default", () => {
    expect(parseDeploySettings(login)).toMatchObject({ warm: 1, alarmEmail: undefined });
    expect(parseDeploySettings({ ...login, PARLEY_WARM: " ", PARLEY_ALARM_EMAIL: "" })).toMatchObject({ warm: 1, alarmEmail: undefined });
  });

  it("reads the warm count (0 turns warming off) and the alarm email", () => {
    expect(parseDeploySettings({ ...login, PARLEY_WARM: "0", PARLEY_ALARM_EMAIL: " ops@example.com " })).toMatchObject({
      warm: 0,
      alarmEmail: "ops@example.com",
    });
    expect(parseDeploySettings({ ...login, PARLEY_WARM: "3" }).warm).toBe(3);
  });

  it("refuses a warm count that is not a small whole number, and an address that is not one", () => {
    for (const value of ["two", "1.5", "-1", "51"]) {
      expect(() => parseDeploySettings({ ...login, PARLEY_WARM: value })).toThrow(DeploySettingsError);
    }
    expect(() => parseDeploySettings({ ...login, PARLEY_ALARM_EMAIL: "ops" })).toThrow(/PARLEY_ALARM_EMAIL/);
  });
});

describe("model settings", () => {
  it("passes MCP_SERVERS on and names a secret for each of its placeholders", () => {
    const mcpServers = JSON.stringify([{ name: "github", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } }]);
    expect(parseDeploySettings({ ...login, MCP_SERVERS: mcpServers }).mcpServers).toEqual({ json: mcpServers, secrets: ["GithubToken"], mayWait: true });
    expect(parseDeploySettings(login).mcpServers).toBeUndefined();
    expect(() => parseDeploySettings({ ...login, MCP_SERVERS: '[{"name":"x"}]' })).toThrow(/give either "url"/);
  });

  it("passes MODELS on and names a secret for each key its models need", () => {
    const models = JSON.stringify([
      { id: "gpt", provider: "openai" },
      { id: "groq", provider: "groq", model: "openai/gpt-oss-120b" },
      { id: "r1", provider: "deepseek" },
      { id: "local", provider: "vllm", baseURL: "https://vllm.internal:8000/v1" },
      { id: "together", provider: "openai-compatible", baseURL: "https://api.together.xyz/v1", apiKeyVariable: "TOGETHER_API_KEY" },
    ]);
    expect(parseDeploySettings({ ...login, MODELS: models }).models).toEqual({
      json: models,
      keySecrets: ["OpenAIApiKey", "GroqApiKey", "DeepseekApiKey", "TogetherApiKey"],
    });
    expect(parseDeploySettings(login).models).toBeUndefined();
  });

  it("refuses MODELS the deployed server would refuse, before deploying", () => {
    expect(() => parseDeploySettings({ ...login, MODELS: '[{"id":"x","provider":"acme"}]' })).toThrow(/MODELS\[0\]\["provider"\]/);
  });
});

describe("tool approval settings", () => {
  const anonymous = { PARLEY_AUTH_MODE: "none", PARLEY_ALLOW_ANONYMOUS: "true" };

  it("passes TOOL_APPROVAL on as it is, and the app reads it", () => {
    const toolApproval = '{"calculate":"always","github__delete_file":"hints"}';
    const settings = parseDeploySettings({ ...login, TOOL_APPROVAL: toolApproval });
    expect(settings.toolApproval).toBe(toolApproval);
    expect(parseEnv({ TOOL_APPROVAL: settings.toolApproval }).TOOL_APPROVAL).toEqual({ calculate: "always", github__delete_file: "hints" });
    expect(parseDeploySettings({ ...login, TOOL_APPROVAL: " " }).toolApproval).toBeUndefined();
  });

  it("refuses TOOL_APPROVAL the deployed server would refuse, before deploying", () => {
    expect(() => parseDeploySettings({ ...login, TOOL_APPROVAL: "calculate" })).toThrow(/TOOL_APPROVAL: must be JSON/);
    expect(() => parseDeploySettings({ ...login, TOOL_APPROVAL: '{"calculate":"sometimes"}' })).toThrow(DeploySettingsError);
    expect(() => parseDeploySettings({ ...login, TOOL_APPROVAL: '["calculate"]' })).toThrow(/TOOL_APPROVAL: must map tool names/);
  });

  it("needs its own signing key only without login, when a call may wait for approval", () => {
    const secretNeeded = (source: Record<string, string>, options?: { dev: boolean }) => parseDeploySettings(source, options).toolApprovalSecret;
    expect(secretNeeded({ ...anonymous, TOOL_APPROVAL: '{"calculate":"always"}' })).toBe(true);
    // An MCP tool's hints arrive at run time: under `hints` a call may wait.
    expect(secretNeeded({ ...anonymous, TOOL_APPROVAL: '{"github__delete_file":"hints"}' })).toBe(true);
    expect(secretNeeded({ ...anonymous, TOOL_APPROVAL: '{"calculate":"never"}' })).toBe(false);
    expect(secretNeeded(anonymous)).toBe(false);
    // An MCP server's tools wait as their hints say, unless its entry says `never`.
    const server = { name: "files", url: "https://mcp.example.com/mcp" };
    expect(secretNeeded({ ...anonymous, MCP_SERVERS: JSON.stringify([server]) })).toBe(true);
    expect(secretNeeded({ ...anonymous, MCP_SERVERS: JSON.stringify([{ ...server, approval: "never" }]) })).toBe(false);
    // With login the key is derived from AuthSecret; under `sst dev` the local server keeps its own.
    expect(secretNeeded({ ...login, TOOL_APPROVAL: '{"calculate":"always"}' })).toBe(false);
    expect(secretNeeded({ TOOL_APPROVAL: '{"calculate":"always"}' }, { dev: true })).toBe(false);
  });

  it("without TOOL_APPROVAL no call of Parley's own tools waits, so no key is needed for them", () => {
    // If a built-in tool declares approval, the deploy must link the key for it too (deploy-settings.ts).
    for (const definition of Object.values(toolDefinitions)) expect(needsApproval(definition.runtime, undefined)).toBe(false);
  });
});

describe("login settings", () => {
  it("deploys with login: the issuer and the allowlist become the app's environment", () => {
    const { auth } = parseDeploySettings({ ...login, PARLEY_ALLOWED_EMAILS: "ann@example.org", PARLEY_AUTH_PROVIDER_LOGOUT: "true" });
    expect(authEnvironment(auth)).toEqual({
      AUTH_MODE: "oidc",
      AUTH_ISSUER: "https://accounts.example.com",
      ALLOWED_EMAILS: "ann@example.org",
      ALLOWED_DOMAINS: "example.com",
      AUTH_PROVIDER_LOGOUT: "true",
    });
    expect(authEnvironment(parseDeploySettings({ ...login, PARLEY_SESSION_MAX_AGE_SECONDS: "86400" }).auth)).toMatchObject({
      SESSION_MAX_AGE_SECONDS: "86400",
    });
  });

  it("the environment it produces, with the linked secrets, is a valid app configuration", () => {
    const environment = authEnvironment(parseDeploySettings(login).auth);
    const secrets = { AUTH_CLIENT_ID: "id", AUTH_CLIENT_SECRET: "secret", AUTH_SECRET: "k".repeat(44) };
    expect(parseEnv({ ...environment, ...secrets }).auth).toMatchObject({ mode: "oidc", allowedDomains: ["example.com"] });
  });

  it("refuses to deploy without an issuer, an allowlist, https, or with login off by accident", () => {
    expect(() => parseDeploySettings({})).toThrow(/PARLEY_AUTH_ISSUER is required/);
    expect(() => parseDeploySettings({ PARLEY_AUTH_ISSUER: "https://accounts.example.com" })).toThrow(/PARLEY_ALLOWED_EMAILS/);
    expect(() => parseDeploySettings({ ...login, PARLEY_AUTH_ISSUER: "http://accounts.example.com" })).toThrow(/https/);
    expect(() => parseDeploySettings({ ...login, PARLEY_AUTH_ISSUER: "accounts" })).toThrow(/must be a URL/);
    expect(() => parseDeploySettings({ PARLEY_AUTH_MODE: "none" })).toThrow(/PARLEY_ALLOW_ANONYMOUS=true/);
    expect(() => parseDeploySettings({ PARLEY_AUTH_MODE: "saml" })).toThrow(/PARLEY_AUTH_MODE/);
    expect(() => parseDeploySettings({ ...login, PARLEY_SESSION_MAX_AGE_SECONDS: "5" })).toThrow(/PARLEY_SESSION_MAX_AGE_SECONDS/);
  });

  it("deploys without login only when told it is on purpose", () => {
    const { auth } = parseDeploySettings({ PARLEY_AUTH_MODE: "none", PARLEY_ALLOW_ANONYMOUS: "true" });
    expect(authEnvironment(auth)).toEqual({ AUTH_MODE: "none", ALLOW_ANONYMOUS: "true" });
  });

  it("under sst dev (a local server) runs without login until an issuer is set", () => {
    expect(parseDeploySettings({}, { dev: true }).auth).toEqual({ mode: "none", allowAnonymous: false });
    expect(parseDeploySettings(login, { dev: true }).auth).toMatchObject({ mode: "oidc" });
  });
});
