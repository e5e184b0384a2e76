import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives working defaults for an empty environment: offline demo model, public Open-Meteo", () => {
    const env = parseEnv({});
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env).toMatchObject({
      OPENAI_API: "responses",
      OPENAI_BASE_URL: "https://api.openai.com/v1",
      MAX_STEPS: 5,
      TOOL_TIMEOUT_MS: 30_000,
      HEARTBEAT_MS: 15_000,
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

  it("reads numbers and the API mode", () => {
    expect(parseEnv({ MAX_STEPS: "3", TOOL_TIMEOUT_MS: "2000", OPENAI_API: "chat" })).toMatchObject({
      MAX_STEPS: 3,
      TOOL_TIMEOUT_MS: 2_000,
      OPENAI_API: "chat",
    });
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
