import { tmpdir } from "node:os";
import { join } from "node:path";

// Ports and environments of everything the e2e suite starts: the fakes and the OpenID Provider (in
// global setup) and five production servers of the same build: one per model configuration and
// store without login, and one with login through the OpenID Provider.

export const fakeOpenAIPort = 4010;
export const fakeOpenMeteoPort = 4011;
/** A local DynamoDB-compatible server (dynalite) for the server that stores in DynamoDB. */
export const localDynamoDBPort = 4012;
/** A real OpenID Provider (oidc-provider) for the server with login. */
export const oidcProviderPort = 4013;
export const oidcIssuer = `http://127.0.0.1:${oidcProviderPort}`;

/**
 * Each weather request takes this long, so concurrent calls are visibly running together. A
 * weather call makes two (geocoding, forecast): well inside the tools' timeout below, even on a
 * machine busy starting the suite.
 */
export const fakeWeatherLatencyMs = 400;

export const fakeOpenAIUrl = `http://127.0.0.1:${fakeOpenAIPort}`;
const fakeOpenMeteoUrl = `http://127.0.0.1:${fakeOpenMeteoPort}`;

/** Tools get a short timeout here so the "timed out" chip is reached quickly. */
const e2eToolTimeoutMs = 2_000;

/** The app's configuration for the e2e servers (test/support/next-server.ts adds what every test server has). */
export const baseServerEnv = {
  GEOCODING_API_URL: fakeOpenMeteoUrl,
  WEATHER_API_URL: fakeOpenMeteoUrl,
  TOOL_TIMEOUT_MS: String(e2eToolTimeoutMs),
  OPENAI_API_KEY: "",
};

export const openAIServerEnv = {
  ...baseServerEnv,
  OPENAI_API_KEY: "sk-e2e-test-key",
  OPENAI_BASE_URL: `${fakeOpenAIUrl}/v1`,
  OPENAI_MODEL: "gpt-e2e",
};

/** Each server keeps its conversations in its own SQLite file, emptied before it starts. */
export const dataDirOf = (name: string) => join(tmpdir(), "parley-e2e", name);

export const oidcServerPort = 3104;
const oidcServerUrl = `http://127.0.0.1:${oidcServerPort}`;

/** The test provider's accounts: two allowed (by address, by domain), one verified outsider, one unverified. */
export const oidcAccounts = {
  alice: { accountId: "alice", email: "alice@example.com", emailVerified: true, name: "Alice Example", password: "alice-password" },
  bob: { accountId: "bob", email: "bob@parley.test", emailVerified: true, name: "Bob Test", password: "bob-password" },
  mallory: { accountId: "mallory", email: "mallory@elsewhere.test", emailVerified: true, name: "Mallory Outside", password: "mallory-password" },
  eve: { accountId: "eve", email: "eve@parley.test", emailVerified: false, name: "Eve Unverified", password: "eve-password" },
} as const;
export type OidcAccountName = keyof typeof oidcAccounts;

/** The app as a client of the provider, with the URLs an operator registers. */
export const oidcClient = {
  clientId: "parley-e2e",
  clientSecret: "parley-e2e-client-secret",
  redirectUris: [`${oidcServerUrl}/auth/callback`],
  postLogoutRedirectUris: [`${oidcServerUrl}/auth/signed-out`],
};

/** The e2e server's session key: tests seal their own cookies with it (expired ones, tampered ones). */
export const e2eAuthSecret = "parley-e2e-auth-secret-0123456789abcdef";

/** The model is the fake OpenAI server: what each user's request sent to the model can be read back. */
export const oidcServerEnv = {
  ...openAIServerEnv,
  OPENAI_API: "chat",
  AUTH_MODE: "oidc",
  AUTH_ISSUER: oidcIssuer,
  AUTH_CLIENT_ID: oidcClient.clientId,
  AUTH_CLIENT_SECRET: oidcClient.clientSecret,
  AUTH_SECRET: e2eAuthSecret,
  AUTH_PROVIDER_LOGOUT: "true",
  ALLOWED_EMAILS: oidcAccounts.alice.email,
  ALLOWED_DOMAINS: "parley.test",
};

export const appServers = {
  demo: { port: 3100, dataDir: dataDirOf("demo"), env: baseServerEnv },
  openaiResponses: { port: 3101, dataDir: dataDirOf("openai-responses"), env: { ...openAIServerEnv, OPENAI_API: "responses" } },
  openaiChat: { port: 3102, dataDir: dataDirOf("openai-chat"), env: { ...openAIServerEnv, OPENAI_API: "chat" } },
  demoOnDynamoDB: {
    port: 3103,
    dataDir: dataDirOf("dynamodb"),
    env: {
      ...baseServerEnv,
      CHAT_STORE: "dynamodb",
      DYNAMODB_TABLE: "parley-e2e-chats",
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${localDynamoDBPort}`,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    },
  },
  /** With login (AUTH_MODE=oidc) through the OpenID Provider of global setup. */
  oidc: { port: oidcServerPort, dataDir: dataDirOf("oidc"), env: oidcServerEnv },
} as const;

/** Servers a spec starts itself as if on AWS Lambda (AWS_LAMBDA_FUNCTION_NAME set), without login. */
export const lambdaGuardPorts = { refusing: 3105, anonymousOnPurpose: 3106 } as const;

export type AppServerName = keyof typeof appServers;

export const baseUrlOf = (name: AppServerName) => `http://127.0.0.1:${appServers[name].port}`;
