import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/test/fixtures/fake-openai/server";
import type { ScenarioInput } from "@/test/fixtures/fake-openai/scenario";
import { createChatModel } from "./chat-model";
import { modelFor } from "./models";
import { isOutOfCredit } from "./out-of-credit";

// The OpenAI model as the app builds it, against the fake OpenAI server over real HTTP: which
// failures are asked again (the AI SDK retries 429s and 5xx) and which are final.

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(() => fake.close());

const outOfCreditMessage = "You exceeded your current quota, please check your plan and billing details.";

describe.each(["chat", "responses"] as const)("createChatModel, OpenAI (%s API)", (api) => {
  /** Streams one answer with two retries allowed; returns the error it ended with and how often the fake was asked. */
  async function answer(turn: ScenarioInput["turns"][number]) {
    const env = parseEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseURL, OPENAI_API: api });
    const { model } = createChatModel(modelFor(env), env);
    const scenario = fake.addScenario({ turns: [turn] });
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: `${scenario.marker} Hi`, maxRetries: 2, onError: ({ error }) => void errors.push(error) });
    let text = "";
    for await (const part of result.stream) if (part.type === "text-delta") text += part.text;
    return { text, errors, requests: scenario.requests().length };
  }

  it("asks once when the account is out of credit (HTTP 429 insufficient_quota)", async () => {
    const { errors, requests } = await answer({
      type: "http-error",
      status: 429,
      code: "insufficient_quota",
      errorType: "insufficient_quota",
      message: outOfCreditMessage,
      retryAfterMs: 10,
    });
    expect(requests).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isOutOfCredit(errors[0])).toBe(true);
  });

  it("asks once when the stream's first event says the account is out of credit", async () => {
    const { errors, requests } = await answer({ type: "stream-error", code: "insufficient_quota", message: outOfCreditMessage });
    expect(requests).toBe(1);
    expect(isOutOfCredit(errors[0])).toBe(true);
  });

  it("still asks again after a rate limit (HTTP 429 rate_limit_exceeded)", async () => {
    const { text, errors, requests } = await answer([
      { type: "http-error", status: 429, retryAfterMs: 10 },
      { type: "text", text: "Answered on the second try." },
    ]);
    expect(errors).toEqual([]);
    expect(requests).toBe(2);
    expect(text).toBe("Answered on the second try.");
  });
});
