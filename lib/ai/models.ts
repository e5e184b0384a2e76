import type { Env } from "@/lib/env";
import type { ModelConfig } from "./model-config";

/**
 * The configured model with this id; the default one when there is none (a chat whose model was
 * removed from the configuration goes on with the default).
 */
export function modelFor(env: Pick<Env, "models" | "defaultModelId">, id?: string): ModelConfig {
  const chosen = id === undefined ? undefined : env.models.find((model) => model.id === id);
  const fallback = env.models.find((model) => model.id === env.defaultModelId);
  // parseEnv makes sure the default model is among them.
  return chosen ?? fallback ?? (env.models[0] as ModelConfig);
}
