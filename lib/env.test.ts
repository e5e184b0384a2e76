import { execFileSync } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Resource } from "sst/resource";
import { describe, expect, it } from "vitest";
import { EnvError, listenHost, parseEnv, serverProcessCount, withLinkedResources } from "./env";

describe("parseEnv", () => {
  it("gives working defaults for an empty environment: offline demo model, public Open-Meteo", () => {
    const env = parseEnv({});
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env).toMatchObject({
      OPENAI_API: "responses",
      OPENAI_BASE_URL: "https://api.openai.com/v1",
      MAX_STEPS: 5,
      MAX_TOOL_CALLS_PER_STEP: 10,
      MAX_OUTPUT_TOKENS: 16_384,
      TOOL_TIMEOUT_MS: 30_000,
      HEARTBEAT_MS: 15_000,
      STREAM_MAX_UNREAD_BYTES: 4 * 1024 * 1024,
      GEOCODING_API_URL: "https://geocoding-api.open-meteo.com",
      WEATHER_API_URL: "https://api.open-meteo.com",
    });
  });

  it("treats empty strings as unset and trims trailing slashes from URLs", () => {
    const env = parseEnv({ OPENAI_API_KEY: "", OPENAI_BASE_URL: "http://localhost:11434/v1/", MAX_STEPS: "" });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.OPENAI_BASE_URL).toBe("http://localhost:11434/v1");
    expect(env.MAX_STEPS).toBe(5);
  });

  it("stores conversations in SQLite by default, in DynamoDB when a table is configured", () => {
    expect(parseEnv({})).toMatchObject({ CHAT_STORE: "sqlite", PARLEY_DATA_DIR: ".data" });
    expect(parseEnv({ DYNAMODB_TABLE: "parley-chats" })).toMatchObject({ CHAT_STORE: "dynamodb", DYNAMODB_TABLE: "parley-chats" });
    expect(parseEnv({ DYNAMODB_TABLE: "parley-chats", CHAT_STORE: "sqlite" }).CHAT_STORE).toBe("sqlite");
    expect(() => parseEnv({ CHAT_STORE: "dynamodb" })).toThrow(/DYNAMODB_TABLE: required/);
  });

  it("reads which tools wait for approval, and a signing key of its own or derived from AUTH_SECRET", () => {
    expect(parseEnv({})).toMatchObject({ TOOL_APPROVAL: {}, toolApprovalSecret: undefined });
    expect(parseEnv({ TOOL_APPROVAL: '{"calculate":"always","getWeather":"hints"}' }).TOOL_APPROVAL).toEqual({ calculate: "always", getWeather: "hints" });
    expect(() => parseEnv({ TOOL_APPROVAL: "calculate" })).toThrow(/TOOL_APPROVAL: must be JSON/);
    expect(() => parseEnv({ TOOL_APPROVAL: '{"calculate":"sometimes"}' })).toThrow(/TOOL_APPROVAL/);
    const key = "k".repeat(32);
    expect(parseEnv({ TOOL_APPROVAL_SECRET: key }).toolApprovalSecret).toBe(key);
    expect(() => parseEnv({ TOOL_APPROVAL_SECRET: "short" })).toThrow(/TOOL_APPROVAL_SECRET: must be at least 32 bytes/);
    const derived = parseEnv({ AUTH_SECRET: key }).toolApprovalSecret;
    expect(derived).toEqual(expect.any(String));
    expect(derived).not.toBe(key);
    expect(parseEnv({ AUTH_SECRET: key, TOOL_APPROVAL_SECRET: "t".repeat(32) }).toolApprovalSecret).toBe("t".repeat(32));
  });

  it("reads numbers and the API mode", () => {
    expect(parseEnv({ MAX_STEPS: "3", TOOL_TIMEOUT_MS: "2000", OPENAI_API: "chat" })).toMatchObject({
      MAX_STEPS: 3,
      TOOL_TIMEOUT_MS: 2_000,
      OPENAI_API: "chat",
    });
  });

  it("takes a stream lease of seconds by default, and refuses one the stop poll could not renew in time", () => {
    expect(parseEnv({}).STREAM_LEASE_MS).toBe(10_000);
    expect(parseEnv({ STREAM_LEASE_MS: "3000", STOP_POLL_MS: "500" })).toMatchObject({ STREAM_LEASE_MS: 3_000, STOP_POLL_MS: 500 });
    expect(() => parseEnv({ STREAM_LEASE_MS: "2000", STOP_POLL_MS: "400" })).toThrow(/STREAM_LEASE_MS: must be at least 6 × STOP_POLL_MS \(2400\)/);
  });

  it("listens on this machine only unless HOST says otherwise; listenHost reads HOST alone, before Next starts", () => {
    expect(parseEnv({}).HOST).toBe("127.0.0.1");
    expect(parseEnv({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(listenHost({})).toBe("127.0.0.1");
    expect(listenHost({ HOST: "" })).toBe("127.0.0.1");
    for (const host of ["0.0.0.0", "::", "::1", "192.168.1.20", "my-laptop.local"]) expect(listenHost({ HOST: host, AUTH_MODE: "oidc" })).toBe(host);
    for (const host of ["0.0.0.0; rm -rf /", "-p", "http://localhost", "[::1]", "a b"]) {
      expect(() => listenHost({ HOST: host }), host).toThrow(/HOST: must be a host name or IP address/);
    }
  });

  it("runs one server process per core unless WEB_CONCURRENCY says how many; serverProcessCount reads it alone", () => {
    expect(serverProcessCount({}, 8)).toBe(8);
    expect(serverProcessCount({ WEB_CONCURRENCY: "" }, 2)).toBe(2);
    expect(serverProcessCount({}, 0)).toBe(1);
    expect(serverProcessCount({ WEB_CONCURRENCY: "3" }, 8)).toBe(3);
    for (const value of ["0", "-1", "1.5", "all", "2000"]) {
      expect(() => serverProcessCount({ WEB_CONCURRENCY: value }, 2), value).toThrow(/WEB_CONCURRENCY: .*the number of server processes/);
    }
    expect(parseEnv({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
  });

  it("names every invalid variable in one error", () => {
    const error = (() => {
      try {
        parseEnv({ MAX_STEPS: "lots", OPENAI_API: "completions", WEATHER_API_URL: "ftp://x" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    for (const name of ["MAX_STEPS", "OPENAI_API", "WEATHER_API_URL"]) expect((error as Error).message).toContain(name);
  });
});

describe("parseEnv: models", () => {
  const ids = (env: { models: readonly { id: string }[] }) => env.models.map((model) => model.id);

  it("offers the demo model alone without a key, and the OPENAI_* model before it with one", () => {
    expect(ids(parseEnv({}))).toEqual(["demo"]);
    expect(parseEnv({}).defaultModelId).toBe("demo");
    const env = parseEnv({ OPENAI_API_KEY: "sk-1", OPENAI_MODEL: "gpt-5.4" });
    expect(env.models[0]).toMatchObject({ id: "gpt-5.4", provider: "openai", api: "responses", apiKey: "sk-1", baseURL: "https://api.openai.com/v1" });
    expect(env.defaultModelId).toBe("gpt-5.4");
  });

  it("reads a base URL other than OpenAI's as an OpenAI-compatible server", () => {
    const env = parseEnv({ OPENAI_API_KEY: "ollama", OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_API: "chat", OPENAI_MODEL: "qwen3:8b" });
    expect(env.models[0]).toMatchObject({ id: "qwen3:8b", provider: "openai-compatible", api: "chat", baseURL: "http://localhost:11434/v1" });
  });

  it("reads several models from MODELS with their providers' defaults and their keys' variables", () => {
    const env = parseEnv({
      MODELS: JSON.stringify([
        { id: "gpt", provider: "openai", model: "gpt-5.4-mini", price: { input: 0.25, output: 2 } },
        { id: "local", provider: "ollama", model: "qwen3:8b", label: "Qwen 3 (local)", contextWindow: 32_768 },
        { id: "r1", provider: "deepseek", model: "deepseek-reasoner" },
      ]),
      OPENAI_API_KEY: "sk-openai",
      DEEPSEEK_API_KEY: "sk-deepseek",
      DEFAULT_MODEL: "local",
    });
    expect(ids(env)).toEqual(["gpt", "local", "r1", "demo"]);
    expect(env.defaultModelId).toBe("local");
    expect(env.models[0]).toMatchObject({ label: "gpt-5.4-mini", apiKey: "sk-openai", price: { input: 0.25, output: 2 }, contextWindow: 128_000 });
    expect(env.models[1]).toMatchObject({ label: "Qwen 3 (local)", baseURL: "http://127.0.0.1:11434/v1", api: "chat", apiKey: undefined, contextWindow: 32_768 });
    expect(env.models[2]).toMatchObject({ baseURL: "https://api.deepseek.com/v1", apiKey: "sk-deepseek" });
  });

  it.each([
    ["not JSON", "[{", "MODELS: must be a JSON array"],
    ["an unknown provider", JSON.stringify([{ id: "x", provider: "acme" }]), 'MODELS[0]["provider"]: provider must be one of'],
    ["a missing key", JSON.stringify([{ id: "g", provider: "groq" }]), 'model "g" needs its API key in GROQ_API_KEY'],
    ["an id twice", JSON.stringify([{ id: "a", provider: "ollama" }, { id: "a", provider: "vllm" }]), '"a" is listed twice'],
    ["a compatible server without its URL", JSON.stringify([{ id: "a", provider: "openai-compatible" }]), 'MODELS[0]["baseURL"]: required'],
    ["a misspelt field", JSON.stringify([{ id: "a", provider: "ollama", contextWindw: 4096 }]), "contextWindw"],
  ])("refuses %s, saying what is wrong", (_case, models, message) => {
    expect(() => parseEnv({ MODELS: models })).toThrow(message);
  });

  it("refuses a default model that is not configured", () => {
    expect(() => parseEnv({ DEFAULT_MODEL: "gpt-9" })).toThrow('DEFAULT_MODEL: "gpt-9" is not among the models (demo)');
  });
});

describe("parseEnv: login", () => {
  const oidc = {
    AUTH_MODE: "oidc",
    AUTH_ISSUER: "https://accounts.example.com",
    AUTH_CLIENT_ID: "parley",
    AUTH_CLIENT_SECRET: "client-secret",
    AUTH_SECRET: "s".repeat(32),
    ALLOWED_EMAILS: "Alice@Example.com, bob@example.com",
  };

  it("has no login by default, and is not anonymous on purpose", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ auth: { mode: "none" }, ALLOW_ANONYMOUS: false });
    expect(env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it("reads the OIDC settings, the allowlists (commas or spaces, lower-cased) and the session lifetime", () => {
    expect(parseEnv({ ...oidc, ALLOWED_DOMAINS: "@Parley.test  example.org", SESSION_MAX_AGE_SECONDS: "3600" }).auth).toEqual({
      mode: "oidc",
      issuer: "https://accounts.example.com",
      clientId: "parley",
      clientSecret: "client-secret",
      secret: "s".repeat(32),
      scopes: "openid email profile",
      providerLogout: false,
      allowedEmails: ["alice@example.com", "bob@example.com"],
      allowedDomains: ["parley.test", "example.org"],
      sessionMaxAgeSeconds: 3_600,
    });
    expect(parseEnv(oidc).auth).toMatchObject({ sessionMaxAgeSeconds: 7 * 24 * 3_600 });
    expect(parseEnv({ ...oidc, AUTH_ISSUER: "http://127.0.0.1:4013", AUTH_PROVIDER_LOGOUT: "true" }).auth).toMatchObject({ providerLogout: true });
  });

  it("names every missing or unsafe login setting", () => {
    expect(() => parseEnv({ AUTH_MODE: "oidc" })).toThrow(/AUTH_ISSUER: required[\s\S]*AUTH_CLIENT_ID: required[\s\S]*AUTH_CLIENT_SECRET: required[\s\S]*AUTH_SECRET: required[\s\S]*ALLOWED_EMAILS/);
    expect(() => parseEnv({ ...oidc, AUTH_SECRET: "too-short" })).toThrow(/AUTH_SECRET: must be at least 32 bytes/);
    expect(() => parseEnv({ ...oidc, AUTH_ISSUER: "http://id.example.com" })).toThrow(/AUTH_ISSUER: must use https/);
    expect(() => parseEnv({ ...oidc, ALLOWED_EMAILS: " , " })).toThrow(/ALLOWED_EMAILS \/ ALLOWED_DOMAINS/);
    expect(() => parseEnv({ ...oidc, AUTH_SCOPES: "email profile" })).toThrow(/AUTH_SCOPES/);
    expect(() => parseEnv({ ...oidc, SESSION_MAX_AGE_SECONDS: "10" })).toThrow(/SESSION_MAX_AGE_SECONDS/);
    expect(() => parseEnv({ AUTH_MODE: "password" })).toThrow(/AUTH_MODE/);
  });

  it("keeps the public origin without its path", () => {
    expect(parseEnv({ APP_URL: "https://chat.example.com/" }).APP_URL).toBe("https://chat.example.com");
  });
});

/** Behaves like SST's `Resource`: `in` answers, reading a resource that is not linked throws. */
function sstResource(linked: Record<string, unknown>): object {
  return new Proxy(linked, {
    get(target, name) {
      if (typeof name === "string" && !(name in target)) throw new Error(`"${name}" is not linked in your sst.config.ts`);
      return Reflect.get(target, name);
    },
  });
}

const linked = {
  OpenAIApiKey: { type: "sst.sst.Secret", value: "sk-linked" },
  Chats: { type: "sst.aws.Dynamo", name: "parley-production-ChatsTable-abc" },
};

const linkedAuth = {
  AuthClientId: { type: "sst.sst.Secret", value: "linked-client" },
  AuthClientSecret: { type: "sst.sst.Secret", value: "linked-client-secret" },
  AuthSecret: { type: "sst.sst.Secret", value: "l".repeat(44) },
};

describe("withLinkedResources", () => {
  it("takes a linked resource over the environment variable, and that over the default", () => {
    const environment = { OPENAI_API_KEY: "sk-environment", DYNAMODB_TABLE: "local-chats", MAX_STEPS: "3" };
    expect(parseEnv(withLinkedResources(environment, sstResource(linked)))).toMatchObject({
      OPENAI_API_KEY: "sk-linked",
      DYNAMODB_TABLE: "parley-production-ChatsTable-abc",
      CHAT_STORE: "dynamodb",
      MAX_STEPS: 3,
    });
    const onlyTable = parseEnv(withLinkedResources(environment, sstResource({ Chats: linked.Chats })));
    expect(onlyTable).toMatchObject({ OPENAI_API_KEY: "sk-environment", DYNAMODB_TABLE: "parley-production-ChatsTable-abc" });
    const nothing = parseEnv(withLinkedResources({}, sstResource({})));
    expect(nothing.OPENAI_API_KEY).toBeUndefined();
    expect(nothing).toMatchObject({ CHAT_STORE: "sqlite", OPENAI_MODEL: "gpt-5.4-mini" });
    expect(environment.OPENAI_API_KEY).toBe("sk-environment");
  });

  it("takes the keys of the models in MODELS from secrets named after their variables", () => {
    const environment = { MODELS: JSON.stringify([{ id: "g", provider: "groq" }, { id: "t", provider: "openai-compatible", baseURL: "https://t.example/v1", apiKeyVariable: "TOGETHER_API_KEY" }]) };
    const resources = { GroqApiKey: { value: "gsk-linked" }, TogetherApiKey: { value: "tg-linked" } };
    const linked = withLinkedResources(environment, resources);
    expect(linked).toMatchObject({ GROQ_API_KEY: "gsk-linked", TOGETHER_API_KEY: "tg-linked" });
    expect(parseEnv(linked).models.map((model) => model.id === "demo" || "apiKey" in model && model.apiKey)).toEqual(["gsk-linked", "tg-linked", true]);
  });

  it("takes the secrets of MCP servers from secrets named after their placeholders' variables", () => {
    const environment = { MCP_SERVERS: JSON.stringify([{ name: "github", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } }]) };
    const linked = withLinkedResources(environment, { GithubToken: { value: "ghp-linked" } });
    expect(linked).toMatchObject({ GITHUB_TOKEN: "ghp-linked" });
    expect(parseEnv(linked).mcpServers[0]?.transport).toMatchObject({ headers: { Authorization: "Bearer ghp-linked" } });
    expect(() => parseEnv(environment)).toThrow(/MCP_SERVERS: server "github", header Authorization: \$\{GITHUB_TOKEN\} is not set/);
    expect(parseEnv({}).mcpServers).toEqual([]);
  });

  it("takes the login secrets from their links", () => {
    const environment = { AUTH_MODE: "oidc", AUTH_ISSUER: "https://id.example.com", ALLOWED_DOMAINS: "example.com", AUTH_CLIENT_ID: "from-environment" };
    expect(parseEnv(withLinkedResources(environment, sstResource(linkedAuth))).auth).toMatchObject({
      mode: "oidc",
      clientId: "linked-client",
      clientSecret: "linked-client-secret",
      secret: "l".repeat(44),
    });
  });

  it("takes the approval signing key from its link, over the one derived from AUTH_SECRET", () => {
    const key = "a".repeat(44);
    const environment = { TOOL_APPROVAL: '{"calculate":"always"}', AUTH_SECRET: "e".repeat(44) };
    const linkedKey = sstResource({ ToolApprovalSecret: { type: "sst.sst.Secret", value: key } });
    expect(parseEnv(withLinkedResources(environment, linkedKey)).toolApprovalSecret).toBe(key);
    expect(parseEnv(withLinkedResources({}, linkedKey)).toolApprovalSecret).toBe(key);
  });

  it("counts an empty linked value as not linked and refuses a linked resource of another shape", () => {
    const emptyKey = sstResource({ OpenAIApiKey: { value: "" } });
    expect(withLinkedResources({ OPENAI_API_KEY: "sk-environment" }, emptyKey).OPENAI_API_KEY).toBe("sk-environment");
    expect(() => withLinkedResources({}, sstResource({ Chats: { url: "https://example.com" } }))).toThrow(EnvError);
  });

  it.skipIf("SST_RESOURCE_App" in process.env)("reads nothing from SST's Resource outside SST, where reading a resource throws", () => {
    expect(withLinkedResources({ OPENAI_API_KEY: "sk-environment" }, Resource)).toEqual({ OPENAI_API_KEY: "sk-environment" });
    expect(() => Resource.OpenAIApiKey).toThrow(/SST links are active/);
  });
});

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

// How SST's Resource finds linked resources — the shape `withLinkedResources` relies on — in a
// fresh process each time, since Resource loads once per process.
describe("SST's Resource under SST", () => {
  const readResources = (environment: Record<string, string>) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "--eval",
          `import { Resource } from "sst/resource";
          const names = ["OpenAIApiKey", "Chats", "Web"];
          console.log(JSON.stringify(Object.fromEntries(names.map((name) => [name, name in Resource ? Resource[name] : null]))));`,
        ],
        { cwd: projectRoot, env: { NODE_ENV: "test", PATH: process.env.PATH, ...environment }, encoding: "utf8" },
      ),
    ) as Record<string, unknown>;
  const app = JSON.stringify({ name: "parley", stage: "test" });

  it("reads SST_RESOURCE_<Name> variables, as under `sst dev` and in the build of `sst deploy`", () => {
    const resources = readResources({
      SST_RESOURCE_App: app,
      SST_RESOURCE_OpenAIApiKey: JSON.stringify(linked.OpenAIApiKey),
      SST_RESOURCE_Chats: JSON.stringify(linked.Chats),
    });
    expect(resources).toEqual({ ...linked, Web: null });
    expect(withLinkedResources({}, resources)).toEqual({ OPENAI_API_KEY: "sk-linked", DYNAMODB_TABLE: linked.Chats.name });
  });

  it("decrypts SST_KEY_FILE with SST_KEY, as in the deployed Lambda", () => {
    const key = randomBytes(32);
    const cipher = createCipheriv("aes-256-gcm", key, Buffer.alloc(12, 0));
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(linked)), cipher.final(), cipher.getAuthTag()]);
    const folder = mkdtempSync(join(tmpdir(), "parley-sst-"));
    try {
      writeFileSync(join(folder, "resource.enc"), encrypted);
      const resources = readResources({ SST_RESOURCE_App: app, SST_KEY: key.toString("base64"), SST_KEY_FILE: join(folder, "resource.enc") });
      expect(resources).toEqual({ ...linked, Web: null });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
