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
  /**
   * Whether earlier answers' reasoning is sent back: only through the Responses API (encrypted) and
   * only to the model that wrote it. Chat Completions servers take none from earlier turns.
   */
  keepsEarlierReasoning: boolean;
  /** US dollars per million input and output tokens, when the configuration gives them. */
  price?: { input: number; output: number };
};

/** The model of a configured entry, ready for `streamText`. */
export function createChatModel(config: ModelConfig, env: Pick<Env, "DEMO_MODEL_TOKEN_DELAY_MS">): ChatModel {
  const { id, label, contextWindow } = config;
  if (config.provider === "demo") {
    return { model: createDemoModel({ tokenDelayMs: env.DEMO_MODEL_TOKEN_DELAY_MS }), id, label, contextWindow, keepsEarlierReasoning: false };
  }
  // Deltas that queue up while the server is busy travel on as one chunk (see coalesce-deltas.ts);
  // an account out of credit is told at once, not retried (see out-of-credit.ts).
  const middleware: LanguageModelMiddleware[] = [outOfCreditIsFinalMiddleware, coalesceDeltasMiddleware];
  const model = wrapLanguageModel({ model: providerModel(config), middleware: [...requestSettings(config), ...middleware] });
  const keepsEarlierReasoning = config.api === "responses";
  return { model, id, label, contextWindow, keepsEarlierReasoning, ...(config.price ? { price: config.price } : {}) };
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
  const transformRequestBody = config.sendsReasoning ? undefined : withoutReasoningContent;
  return createOpenAICompatible({ name: provider, baseURL, apiKey, includeUsage: config.askForUsage, transformRequestBody }).chatModel(model);
}

/**
 * The request without the reasoning the package puts on assistant messages (`reasoning_content`):
 * only DeepSeek wants it back; Groq refuses it ("property 'reasoning_content' is unsupported"),
 * Mistral refuses any field it does not know.
 */
function withoutReasoningContent(body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.messages)) return body;
  const messages = (body.messages as Record<string, unknown>[]).map((message) => {
    if (!("reasoning_content" in message)) return message;
    const { reasoning_content: _reasoning, ...rest } = message;
    return rest;
  });
  return { ...body, messages };
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
