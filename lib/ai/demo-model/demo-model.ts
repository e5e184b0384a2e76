import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from "@ai-sdk/provider";
import { createIdGenerator } from "@ai-sdk/provider-utils";
import { throwIfAborted, wait } from "./abort";
import { paceParts, THINKING_TICKS } from "./pace-parts";
import { createPacedStream } from "./paced-stream";
import { respond, type DemoResponse } from "./respond";

export type DemoModelOptions = {
  /** Milliseconds between streamed tokens; 0 answers at once, without timers (tests). */
  tokenDelayMs: number;
};

const DEMO_PROVIDER = "parley";
const DEMO_MODEL_ID = "demo";

// Tool call ids must be unique across a whole conversation, not just one answer: the UI and
// the store key tool parts by them. The answer's text stays deterministic; only ids are random.
const generateToolCallId = createIdGenerator({ prefix: "call", size: 24 });
const generateResponseId = createIdGenerator({ prefix: "resp", size: 24 });

/**
 * The offline demo model: a real LanguageModelV4 that plans tool calls from the user's message
 * and answers from the tools' results, with no network and no API key. Same question, same answer.
 */
export class DemoLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = DEMO_PROVIDER;
  readonly modelId = DEMO_MODEL_ID;
  // Every URL counts as supported, so the AI SDK never downloads an attached file for a model
  // that would ignore it anyway: the demo stays offline.
  readonly supportedUrls = { "*/*": [/^/] };

  readonly #tokenDelayMs: number;

  constructor({ tokenDelayMs }: DemoModelOptions) {
    this.#tokenDelayMs = Math.max(0, tokenDelayMs);
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    throwIfAborted(options.abortSignal);
    const response = respond(options, generateToolCallId);
    const metadata = { id: generateResponseId(), timestamp: new Date(), modelId: this.modelId };
    const stream = createPacedStream(paceParts(response, metadata, `${metadata.id}-text`), {
      tickMs: this.#tokenDelayMs,
      abortSignal: options.abortSignal,
    });
    return { stream };
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    throwIfAborted(options.abortSignal);
    const response = respond(options, generateToolCallId);
    await wait(THINKING_TICKS * this.#tokenDelayMs, options.abortSignal);
    return {
      content: contentOf(response),
      finishReason: response.finishReason,
      usage: response.usage,
      response: { id: generateResponseId(), timestamp: new Date(), modelId: this.modelId },
      warnings: [],
    };
  }
}

function contentOf(response: DemoResponse): LanguageModelV4Content[] {
  if (response.kind === "tool-calls") {
    return response.calls.map(({ toolCallId, toolName, input }) => ({ type: "tool-call", toolCallId, toolName, input }));
  }
  return [{ type: "text", text: response.tokens.join("") }];
}
