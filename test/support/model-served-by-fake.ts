import { createChatModel, type ChatModel } from "@/lib/ai/chat-model";
import { resolveModelEntry, type ModelEntry } from "@/lib/ai/model-config";
import type { FakeOpenAIServer } from "@/test/fixtures/fake-openai/server";

/** The app's model for a provider's entry (its package, its middleware), served by the fake OpenAI server. */
export function modelServedBy(fake: FakeOpenAIServer, entry: Pick<ModelEntry, "provider"> & Partial<ModelEntry>): ChatModel {
  const config = resolveModelEntry({ id: "test-model", baseURL: fake.baseURL, apiKeyVariable: "TEST_KEY", ...entry }, { TEST_KEY: "sk-test" });
  if ("problem" in config) throw new Error(config.problem);
  return createChatModel(config, { DEMO_MODEL_TOKEN_DELAY_MS: 0 });
}
