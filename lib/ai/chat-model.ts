import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { defaultSettingsMiddleware, wrapLanguageModel, type LanguageModelMiddleware } from "ai";
import type { Env } from "@/lib/env";
import type { ModelConfig } from "./model-config";
import { coalesceDeltasMiddleware } from "./coalesce-deltas";
import { createDemoModel } from "./demo-model";
import { outOfCreditIsFinalMiddleware } from "./out-of-credit";

export type ChatModel = {
  model: LanguageModelV4;
  /** Stored with each answer: which of the configured models wrote it. */
  id: string;
  /** Shown in the UI next to the answer. */
  label: string;
  /** Tokens the model reads and writes in one call. */
  contextWindow: number;
  /** US dollars per million input and output tokens, when the configuration gives them. */
  price?: { input: number; output: number };
};

/** The model of a configured entry, ready for `streamText`. */
export function createChatModel(config: ModelConfig, env: Pick<Env, "DEMO_MODEL_TOKEN_DELAY_MS">): ChatModel {
  const { id, label, contextWindow } = config;
  if (config.provider === "demo") {
    return { model: createDemoModel({ tokenDelayMs: env.DEMO_MODEL_TOKEN_DELAY_MS }), id, label, contextWindow };
  }
  // Deltas that queue up while the server is busy travel on as one chunk (see coalesce-deltas.ts);
  // an account out of credit is told at once, not retried (see out-of-credit.ts).
  const middleware: LanguageModelMiddleware[] = [outOfCreditIsFinalMiddleware, coalesceDeltasMiddleware];
  const model = wrapLanguageModel({ model: providerModel(config), middleware: [...requestSettings(config), ...middleware] });
  return { model, id, label, contextWindow, ...(config.price ? { price: config.price } : {}) };
}

type ProviderModelConfig = Exclude<ModelConfig, { provider: "demo" }>;

/**
 * OpenAI through its own package; every other server's Chat Completions through the package made
 * for OpenAI-compatible servers, which reads their reasoning fields, tool calls without `index` and
 * streams without usage. A server's Responses API goes through OpenAI's package too.
 */
function providerModel(config: ProviderModelConfig): LanguageModelV4 {
  const { provider, model, baseURL, apiKey, api } = config;
  if (provider === "openai" || api === "responses") {
    const openai = createOpenAI({ apiKey: apiKey ?? "", baseURL });
    return api === "chat" ? openai.chat(model) : openai.responses(model);
  }
  return createOpenAICompatible({ name: provider, baseURL, apiKey, includeUsage: config.askForUsage }).chatModel(model);
}

/**
 * Responses API: Parley keeps the history and sends it whole (`store: false`, with reasoning as
 * encrypted content), so no earlier item is looked up on the server: that works with servers that
 * keep none, with zero data retention, and after OpenAI's retention has passed.
 */
function requestSettings(config: ProviderModelConfig): LanguageModelMiddleware[] {
  if (config.api !== "responses") return [];
  const openai = { store: false, ...(config.reasoningSummary ? { reasoningSummary: config.reasoningSummary } : {}) };
  return [defaultSettingsMiddleware({ settings: { providerOptions: { openai } } })];
}
