import type { Env } from "@/lib/env";

/** When this server started (epoch seconds): OpenAI's model objects carry a creation time, and Parley's models are configured at start. */
const startedAt = Math.floor(Date.now() / 1000);

export type ModelObject = { id: string; object: "model"; created: number; owned_by: string };

/** A configured model as OpenAI's model object. */
export function modelObject(model: Env["models"][number]): ModelObject {
  return { id: model.id, object: "model", created: startedAt, owned_by: "parley" };
}

/** `GET /v1/models`: the configured models, the default first. */
export function modelList(env: Pick<Env, "models" | "defaultModelId">) {
  const models = [...env.models].sort((a, b) => Number(b.id === env.defaultModelId) - Number(a.id === env.defaultModelId));
  return { object: "list" as const, data: models.map(modelObject) };
}
