import { z } from "zod";

// The models Parley may answer with, as the operator configures them (`MODELS`, or the OPENAI_*
// shorthand for one). lib/env.ts reads and checks them; plain Node runs that file too, so this one
// imports nothing but zod.

/**
 * Where a provider family lives and what it needs, so that the common cases are one line. Every
 * family but `openai` speaks OpenAI's Chat Completions through `@ai-sdk/openai-compatible`, which
 * reads what these servers add to it (reasoning fields, tool calls without `index`, no usage).
 */
const providerPresets = {
  openai: { baseURL: "https://api.openai.com/v1", apiKeyVariable: "OPENAI_API_KEY", api: "responses", askForUsage: true },
  "openai-compatible": { baseURL: undefined, apiKeyVariable: undefined, api: "chat", askForUsage: true },
  ollama: { baseURL: "http://127.0.0.1:11434/v1", apiKeyVariable: undefined, api: "chat", askForUsage: true },
  vllm: { baseURL: "http://127.0.0.1:8000/v1", apiKeyVariable: undefined, api: "chat", askForUsage: true },
  lmstudio: { baseURL: "http://127.0.0.1:1234/v1", apiKeyVariable: undefined, api: "chat", askForUsage: true },
  groq: { baseURL: "https://api.groq.com/openai/v1", apiKeyVariable: "GROQ_API_KEY", api: "chat", askForUsage: true },
  // DeepSeek's thinking mode needs each tool step's reasoning back in the same answer's next request.
  deepseek: { baseURL: "https://api.deepseek.com/v1", apiKeyVariable: "DEEPSEEK_API_KEY", api: "chat", askForUsage: true, sendsReasoning: true },
  // Mistral refuses `stream_options` (422 "Extra inputs are not permitted") and sends usage unasked.
  mistral: { baseURL: "https://api.mistral.ai/v1", apiKeyVariable: "MISTRAL_API_KEY", api: "chat", askForUsage: false },
  openrouter: { baseURL: "https://openrouter.ai/api/v1", apiKeyVariable: "OPENROUTER_API_KEY", api: "chat", askForUsage: true },
} as const satisfies Record<string, { baseURL: string | undefined; apiKeyVariable: string | undefined; api: ModelApi; askForUsage: boolean; sendsReasoning?: true }>;

type ProviderName = keyof typeof providerPresets;
type ModelApi = "responses" | "chat";

const providerNames = Object.keys(providerPresets) as [ProviderName, ...ProviderName[]];

/** The demo model's id: always offered, needs nothing. */
const DEMO_MODEL_ID = "demo";

/** When the configuration does not say: what most current models take. */
const DEFAULT_CONTEXT_WINDOW = 128_000;

const modelIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/, "an id is 1 to 200 letters, digits, '.', '_', ':', '/', '@' or '-', starting with a letter or digit")
  .refine((id) => id !== DEMO_MODEL_ID, `"${DEMO_MODEL_ID}" is the demo model's id`);

const dollarsPerMillionTokens = z.number().min(0).max(10_000);

/** One entry of `MODELS`, as the operator writes it. */
const modelEntrySchema = z.strictObject({
  /** Stored with each chat and answer; keep it when the model behind it changes. */
  id: modelIdSchema,
  provider: z.enum(providerNames, { error: `provider must be one of: ${providerNames.join(", ")}` }),
  /** The model's name on the server; the id when absent. */
  model: z.string().min(1).max(200).optional(),
  /** Shown in the model picker and under each answer; the model's name when absent. */
  label: z.string().min(1).max(100).optional(),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** `responses` (OpenAI's Responses API, sent whole: `store: false`) or `chat` (Chat Completions). */
  api: z.enum(["responses", "chat"]).optional(),
  /** The environment variable holding this model's API key; the provider's usual one when absent. */
  apiKeyVariable: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,99}$/, "an environment variable's name, e.g. GROQ_API_KEY")
    .optional(),
  /** Tokens the model reads and writes in one call; the history sent is fitted to it. */
  contextWindow: z.number().int().min(1_024).max(100_000_000).optional(),
  /** US dollars per million tokens, to show what each answer cost. */
  price: z.strictObject({ input: dollarsPerMillionTokens, output: dollarsPerMillionTokens }).optional(),
  /** OpenAI reasoning models: ask for a summary of the reasoning to show (`auto`, `concise`, `detailed`). */
  reasoningSummary: z.enum(["auto", "concise", "detailed"]).optional(),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;

const modelEntriesSchema = z
  .array(modelEntrySchema)
  .min(1, "list at least one model")
  .max(50)
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id)) context.addIssue({ code: "custom", path: [index, "id"], message: `"${entry.id}" is listed twice` });
      seen.add(entry.id);
      if (entry.provider === "openai-compatible" && entry.baseURL === undefined) {
        context.addIssue({ code: "custom", path: [index, "baseURL"], message: "required for provider openai-compatible" });
      }
      if (entry.reasoningSummary !== undefined && (entry.api ?? providerPresets[entry.provider].api) !== "responses") {
        context.addIssue({ code: "custom", path: [index, "reasoningSummary"], message: "only for the responses API" });
      }
    });
  });

/** A model ready to be built: every default applied, its key read. */
export type ModelConfig =
  | { id: typeof DEMO_MODEL_ID; provider: "demo"; label: string; contextWindow: number }
  | {
      id: string;
      provider: ProviderName;
      model: string;
      label: string;
      baseURL: string;
      api: ModelApi;
      apiKey: string | undefined;
      /** Chat Completions: whether to ask for usage (`stream_options.include_usage`). */
      askForUsage: boolean;
      /**
       * Chat Completions: whether a tool step's reasoning goes back as `reasoning_content` in the
       * answer's next request (DeepSeek needs it; Groq and Mistral refuse the field).
       */
      sendsReasoning: boolean;
      contextWindow: number;
      price?: { input: number; output: number };
      reasoningSummary?: "auto" | "concise" | "detailed";
    };

export const DEMO_MODEL: ModelConfig = { id: DEMO_MODEL_ID, provider: "demo", label: "Demo model (offline)", contextWindow: DEFAULT_CONTEXT_WINDOW };

/**
 * An entry with its defaults applied and its key read from `variables`. Returns the problem when a
 * provider that needs a key has none.
 */
export function resolveModelEntry(entry: ModelEntry, variables: Record<string, string | undefined>): ModelConfig | { problem: string } {
  const preset = providerPresets[entry.provider];
  const apiKeyVariable = entry.apiKeyVariable ?? preset.apiKeyVariable;
  const apiKey = apiKeyVariable === undefined ? undefined : nonEmpty(variables[apiKeyVariable]);
  if (apiKeyVariable !== undefined && apiKey === undefined) {
    return { problem: `model "${entry.id}" needs its API key in ${apiKeyVariable}` };
  }
  const baseURL = (entry.baseURL ?? preset.baseURL ?? "").replace(/\/+$/, "");
  const model = entry.model ?? entry.id;
  return {
    id: entry.id,
    provider: entry.provider,
    model,
    label: entry.label ?? model,
    baseURL,
    api: entry.api ?? preset.api,
    apiKey,
    askForUsage: preset.askForUsage,
    sendsReasoning: "sendsReasoning" in preset,
    contextWindow: entry.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    ...(entry.price ? { price: entry.price } : {}),
    ...(entry.reasoningSummary ? { reasoningSummary: entry.reasoningSummary } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** The entries of `MODELS` (JSON), or what is wrong with them, each problem naming where. */
export function readModelEntries(json: string): { entries: ModelEntry[] } | { problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problems: ['MODELS: must be a JSON array of models, e.g. [{"id":"llama3.2","provider":"ollama"}]'] };
  }
  const result = modelEntriesSchema.safeParse(value);
  if (result.success) return { entries: result.data };
  return { problems: result.error.issues.map((issue) => `MODELS${issue.path.map((key) => `[${JSON.stringify(key)}]`).join("")}: ${issue.message}`) };
}

/** The environment variables holding the keys the models of `MODELS` need; none when it is unset or invalid. */
export function modelKeyVariables(json: string | undefined): string[] {
  if (json === undefined || json === "") return [];
  const read = readModelEntries(json);
  if ("problems" in read) return [];
  const variables = read.entries.flatMap((entry) => entry.apiKeyVariable ?? providerPresets[entry.provider].apiKeyVariable ?? []);
  return [...new Set(variables)];
}

/** The SST secret holding a key variable: OPENAI_API_KEY is OpenAIApiKey; GROQ_API_KEY is GroqApiKey. */
export function keySecretName(variable: string): string {
  if (variable === "OPENAI_API_KEY") return "OpenAIApiKey";
  return variable
    .toLowerCase()
    .split("_")
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
