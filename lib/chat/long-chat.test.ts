import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { toolDefinitions } from "@/tools";
import { requestedTokens } from "@/test/fixtures/fake-openai/context-window";
import { withFakeModelAndStores } from "@/test/support/fake-model-and-stores";
import { modelServedBy } from "@/test/support/model-served-by-fake";
import { chatTestEnv as env, textOf, userRequest } from "@/test/support/chat-fixtures";
import { readChatStream } from "@/test/support/read-chat-stream";
import { runChatTurn } from "./run-chat-turn";
import { MAX_TOOL_PAYLOAD_CHARS_SENT } from "./cap-tool-payloads";

// Long chats against a model server that enforces its context window (the fake refuses what does
// not fit, as OpenAI and vLLM do): the chat keeps answering, and what is sent stays under the window.

const harness = withFakeModelAndStores();

const userId = "user-1";
const chatId = "chat-1";
const contextWindow = 4_096;

const smallModel = () => modelServedBy(harness.fake, { id: "small", provider: "openai-compatible", contextWindow });

const prose = (words: number) => Array.from({ length: words }, (_, index) => `word${index % 90}`).join(" ");

async function storeChat(messages: ChatMessage[]) {
  await harness.stores.chats.ensureChat(userId, { id: chatId, title: "A long chat", now: 1 });
  for (const [index, message] of messages.entries()) await harness.stores.chats.saveMessage(userId, chatId, message, index + 2);
}

async function ask(marker: string, question: string) {
  const request = userRequest(`${marker} ${question}`, { chatId, messageId: "question" });
  const turn = await runChatTurn({ stores: harness.stores, userId, request, chatModel: smallModel(), env: { ...env, MAX_OUTPUT_TOKENS: 16_384 }, tools: toolDefinitions });
  await readChatStream(turn.response);
  await turn.done;
  const stored = await harness.stores.chats.getChat(userId, chatId);
  return stored?.messages.at(-1);
}

/** Answers "Still here." at whatever turn of the conversation the request is. */
const stillHere = (count: number) => Array.from({ length: count }, () => ({ type: "text" as const, text: "Still here." }));

describe("a chat longer than the model's context window", () => {
  it("keeps answering: the oldest turns are left out, what is sent fits, and the answer says so", async () => {
    const history = Array.from({ length: 30 }, (_, turn): ChatMessage[] => [
      { id: `u${turn}`, role: "user", parts: [{ type: "text", text: prose(200) }] },
      { id: `a${turn}`, role: "assistant", parts: [{ type: "text", text: prose(200) }] },
    ]).flat();
    await storeChat(history);
    expect(countTokens(history.map(textOf).join("\n"))).toBeGreaterThan(5 * contextWindow);
    const scenario = harness.fake.addScenario({ contextWindow, turns: stillHere(31) });

    const answer = await ask(scenario.marker, "Are you still there?");

    expect(answer?.metadata?.status).toBeUndefined();
    expect(textOf(answer)).toBe("Still here.");
    expect(answer?.metadata?.leftOut).toBeGreaterThan(40);
    const [sent] = scenario.requests();
    const requested = requestedTokens(sent?.body);
    expect(requested.prompt + requested.completion).toBeLessThanOrEqual(contextWindow);
    expect(requested.completion).toBe(contextWindow / 4);
    expect(JSON.stringify(sent?.body)).toContain("Are you still there?");
  });

  it("sends a stored 500 KB tool call capped, not whole, on every later turn", async () => {
    const huge = "x".repeat(500_000);
    await storeChat([
      { id: "u0", role: "user", parts: [{ type: "text", text: "Search for it." }] },
      {
        id: "a0",
        role: "assistant",
        parts: [
          { type: "tool-getCurrentTime", toolCallId: "call_1", state: "output-available", input: { timezone: huge }, output: { ok: false, timezone: "?", reason: "Unknown." } },
          { type: "text", text: "That did not work." },
        ],
      },
    ]);
    const scenario = harness.fake.addScenario({ turns: stillHere(3) });

    const answer = await ask(scenario.marker, "Try again?");

    expect(textOf(answer)).toBe("Still here.");
    const body = JSON.stringify(scenario.requests()[0]?.body);
    expect(body.length).toBeLessThan(2 * MAX_TOOL_PAYLOAD_CHARS_SENT);
    expect(body).toContain("Parley cut this tool call's input from 500015 to");
  });
});
