import { tmpdir } from "node:os";
import { join } from "node:path";

// Ports and environments of everything the e2e suite starts: the fakes (in global setup) and three
// production servers of the same build, one per model configuration.

export const fakeOpenAIPort = 4010;
export const fakeOpenMeteoPort = 4011;
/** A local DynamoDB-compatible server (dynalite) for the server that stores in DynamoDB. */
export const localDynamoDBPort = 4012;

/** Each weather request takes this long, so concurrent calls are visibly running together. */
export const fakeWeatherLatencyMs = 700;

export const fakeOpenAIUrl = `http://127.0.0.1:${fakeOpenAIPort}`;
const fakeOpenMeteoUrl = `http://127.0.0.1:${fakeOpenMeteoPort}`;

/** Tools get a short timeout here so the "timed out" chip is reached quickly. */
export const e2eToolTimeoutMs = 2_000;

export const baseServerEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  GEOCODING_API_URL: fakeOpenMeteoUrl,
  WEATHER_API_URL: fakeOpenMeteoUrl,
  TOOL_TIMEOUT_MS: String(e2eToolTimeoutMs),
  OPENAI_API_KEY: "",
};

const openAI = {
  ...baseServerEnv,
  OPENAI_API_KEY: "sk-e2e-test-key",
  OPENAI_BASE_URL: `${fakeOpenAIUrl}/v1`,
  OPENAI_MODEL: "gpt-e2e",
};

/** Each server keeps its conversations in its own SQLite file, emptied before it starts. */
export const dataDirOf = (name: string) => join(tmpdir(), "parley-e2e", name);

export const appServers = {
  demo: { port: 3100, env: { ...baseServerEnv, PARLEY_DATA_DIR: dataDirOf("demo") } },
  openaiResponses: { port: 3101, env: { ...openAI, OPENAI_API: "responses", PARLEY_DATA_DIR: dataDirOf("openai-responses") } },
  openaiChat: { port: 3102, env: { ...openAI, OPENAI_API: "chat", PARLEY_DATA_DIR: dataDirOf("openai-chat") } },
  demoOnDynamoDB: {
    port: 3103,
    env: {
      ...baseServerEnv,
      PARLEY_DATA_DIR: dataDirOf("dynamodb"),
      CHAT_STORE: "dynamodb",
      DYNAMODB_TABLE: "parley-e2e-chats",
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${localDynamoDBPort}`,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    },
  },
} as const;

export type AppServerName = keyof typeof appServers;

export const baseUrlOf = (name: AppServerName) => `http://127.0.0.1:${appServers[name].port}`;
