import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import type { Env } from "@/lib/env";
import { coalesceDeltasMiddleware } from "./coalesce-deltas";
import { createDemoModel } from "./demo-model";
import { outOfCreditIsFinalMiddleware } from "./out-of-credit";

export type ChatModel = {
  model: LanguageModelV4;
  /** Shown in the UI next to the answer. */
  label: string;
  kind: "demo" | "openai";
};

const DEMO_MODEL_LABEL = "Demo model (offline)";

/** What the UI shows as the model's name, without building the model. */
export function chatModelLabel(env: Pick<Env, "OPENAI_API_KEY" | "OPENAI_MODEL">): string {
  return env.OPENAI_API_KEY ? env.OPENAI_MODEL : DEMO_MODEL_LABEL;
}

/** OpenAI (or any OpenAI-compatible server) when a key is configured; the offline demo model otherwise. */
export function createChatModel(env: Env): ChatModel {
  if (!env.OPENAI_API_KEY) {
    return { model: createDemoModel({ tokenDelayMs: env.DEMO_MODEL_TOKEN_DELAY_MS }), label: chatModelLabel(env), kind: "demo" };
  }
  const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
  const provided = env.OPENAI_API === "chat" ? openai.chat(env.OPENAI_MODEL) : openai.responses(env.OPENAI_MODEL);
  // Deltas that queue up while the server is busy travel on as one chunk (see coalesce-deltas.ts);
  // an account out of credit is told at once, not retried (see out-of-credit.ts).
  const model = wrapLanguageModel({ model: provided, middleware: [outOfCreditIsFinalMiddleware, coalesceDeltasMiddleware] });
  return { model, label: chatModelLabel(env), kind: "openai" };
}
