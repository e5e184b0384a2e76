import type { Env } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { ModelConfig } from "./model-config";

/** What the browser may know of a model: no URL, no key. */
export type ModelOption = { id: string; label: string };

type ModelsEnv = Pick<Env, "models" | "defaultModelId">;

/** The model with this id, or the default one without an id; an id that is not configured is a 400. */
export function modelFor(env: ModelsEnv, id?: string): ModelConfig {
  const model = env.models.find((candidate) => candidate.id === (id ?? env.defaultModelId));
  if (model) return model;
  const available = env.models.map((candidate) => candidate.id).join(", ");
  throw new ParleyError("invalid_request", `There is no model "${id}" here. Choose one of: ${available}.`);
}

export function modelOptions(env: Pick<Env, "models">): ModelOption[] {
  return env.models.map(({ id, label }) => ({ id, label }));
}

/**
 * The model a chat goes on with: the one its last answer was written by, while it is configured;
 * the default one for a new chat, or when that model was removed from the configuration.
 */
export function chatModelId(env: ModelsEnv, messages: readonly ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === "assistant" && message.metadata?.modelId !== undefined);
  const id = last?.metadata?.modelId;
  return id !== undefined && env.models.some((model) => model.id === id) ? id : env.defaultModelId;
}
