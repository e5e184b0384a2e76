import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatModelId, modelFor, modelOptions } from "./models";

const env = parseEnv({
  MODELS: JSON.stringify([
    { id: "big", provider: "ollama", model: "qwen3:32b", label: "Qwen 3 32B" },
    { id: "small", provider: "ollama", model: "qwen3:8b" },
  ]),
});

const answerBy = (modelId: string | undefined): ChatMessage => ({ id: `a-${modelId}`, role: "assistant", parts: [], metadata: { modelId } });
const question: ChatMessage = { id: "q", role: "user", parts: [{ type: "text", text: "Hi" }] };

describe("models", () => {
  it("offers each model's id and label only, the demo model last", () => {
    expect(modelOptions(env)).toEqual([
      { id: "big", label: "Qwen 3 32B" },
      { id: "small", label: "qwen3:8b" },
      { id: "demo", label: "Demo model (offline)" },
    ]);
  });

  it("answers with the model asked for, the default without one, and refuses one that is not configured", () => {
    expect(modelFor(env, "small").id).toBe("small");
    expect(modelFor(env).id).toBe("big");
    expect(() => modelFor(env, "gpt-9")).toThrow('There is no model "gpt-9" here. Choose one of: big, small, demo.');
  });

  it("goes on with the model of the chat's last answer, or the default when it was removed", () => {
    expect(chatModelId(env, [])).toBe("big");
    expect(chatModelId(env, [question, answerBy("small"), question, answerBy(undefined)])).toBe("small");
    expect(chatModelId(env, [question, answerBy("small"), question, answerBy("removed-model")])).toBe("big");
  });
});
