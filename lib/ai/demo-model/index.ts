import type { LanguageModelV4 } from "@ai-sdk/provider";
import { DemoLanguageModel, type DemoModelOptions } from "./demo-model";

/** The offline demo model (see demo-model.ts): used when no OpenAI key is configured. */
export function createDemoModel(options: DemoModelOptions): LanguageModelV4 {
  return new DemoLanguageModel(options);
}
