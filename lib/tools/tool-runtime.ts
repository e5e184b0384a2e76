import { tool, type Tool, type ToolExecutionOptions } from "ai";
import { z } from "zod";
import type { ToolRun } from "@/lib/message/tool-run";
import { canonicalJson } from "./canonical-json";
import { capOutput, DEFAULT_MAX_OUTPUT_CHARS, type CappedOutput, type TruncatedToolOutput } from "./cap-output";
import { createDeadline, type Deadline } from "./deadline";
import type { ToolDefinition, ToolDefinitions } from "./tool-definition";
import { toModelSafeError } from "./scrub-secrets";
import type { StepCallLimit } from "./step-call-limit";
import { ToolFailure, ToolTimeoutError } from "./tool-errors";
import type { ToolResultCache } from "./tool-result-cache";

export type ToolRuntime = {
  cache: ToolResultCache;
  defaultTimeoutMs: number;
  /**
   * Called when a call starts and when it ends, with what the chip shows; for a call that failed,
   * timed out or was aborted, also with the error it throws (safe for the model: scrubbed).
   */
  onRunUpdate: (toolCallId: string, run: ToolRun, error?: unknown) => void;
  /** How many calls one step may start; no limit when absent. */
  stepCallLimit?: StepCallLimit;
  now?: () => number;
};

type RuntimeTool<DEFINITION> =
  DEFINITION extends ToolDefinition<infer INPUT, infer OUTPUT> ? Tool<INPUT, OUTPUT | TruncatedToolOutput> : never;

export type RuntimeTools<DEFINITIONS extends ToolDefinitions> = {
  [NAME in keyof DEFINITIONS]: RuntimeTool<DEFINITIONS[NAME]>;
};

const truncatedToolOutputSchema = z.object({
  truncated: z.literal(true),
  preview: z.string(),
  originalChars: z.number(),
  note: z.string(),
});

/**
 * Wraps every tool's `execute` with what each call needs: a timeout joined with the request's
 * abort signal (and passed down, so `fetch` stops too), a TTL cache for read-only tools, an output
 * cap, and a report of status and duration. Errors still throw, so the AI SDK turns them into tool
 * errors the model reads (scrubbed of secrets); the stream never breaks because of a tool.
 */
export function applyToolRuntime<DEFINITIONS extends ToolDefinitions>(
  definitions: DEFINITIONS,
  runtime: ToolRuntime,
): RuntimeTools<DEFINITIONS> {
  const tools = Object.entries(definitions).map(([name, definition]) => [name, wrapTool(name, definition, runtime)]);
  return Object.fromEntries(tools) as RuntimeTools<DEFINITIONS>;
}

type ToolCallContext = {
  toolName: string;
  definition: ToolDefinition;
  runtime: ToolRuntime;
  timeoutMs: number;
  cacheTtlMs: number | undefined;
  maxOutputChars: number;
  now: () => number;
};

type Report = (status: ToolRun["status"], details?: { cached?: boolean; truncated?: boolean; error?: unknown }) => void;

function wrapTool(toolName: string, definition: ToolDefinition, runtime: ToolRuntime): Tool {
  const { timeoutMs = runtime.defaultTimeoutMs, cacheTtlMs, maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS } = definition.runtime;
  const context: ToolCallContext = { toolName, definition, runtime, timeoutMs, cacheTtlMs, maxOutputChars, now: runtime.now ?? Date.now };
  const execute = (input: unknown, options: ToolExecutionOptions<unknown>) => executeCall(context, input, options);
  return tool({ ...definition.tool, ...withTruncation(definition.tool.outputSchema), execute } as Tool);
}

/** One call: refused beyond the step's limit; the cached result when there is one; otherwise the tool runs under its deadline. */
function executeCall(context: ToolCallContext, input: unknown, options: ToolExecutionOptions<unknown>) {
  const report = reporterOf(context, options.toolCallId);
  try {
    context.runtime.stepCallLimit?.takeCall();
  } catch (error) {
    report("failed", { error });
    return Promise.reject(error);
  }
  const cacheKey = context.cacheTtlMs === undefined ? undefined : `${context.toolName}:${canonicalJson(input)}`;
  const hit = cacheKey === undefined ? undefined : (context.runtime.cache.get(cacheKey)?.value as CappedOutput<unknown> | undefined);
  if (hit) {
    report("done", { cached: true, truncated: hit.truncated });
    return Promise.resolve(hit.output);
  }

  report("running");
  const deadline = createDeadline(context.timeoutMs, options.abortSignal);
  const { succeed, fail } = settlersOf(context, { deadline, report, cacheKey });
  let result: unknown;
  try {
    result = context.definition.tool.execute(input, { ...options, abortSignal: deadline.signal });
  } catch (error) {
    deadline.dispose();
    return fail(error);
  }

  const { maxOutputChars } = context;
  if (isAsyncIterable(result)) {
    return streamResults(result, { race: deadline.race, dispose: deadline.dispose, succeed, fail, maxOutputChars });
  }
  return deadline
    .race(Promise.resolve(result))
    .then((output) => succeed(capOutput(output, maxOutputChars)), fail)
    .finally(deadline.dispose);
}

/** Reports the call's status to the runtime, with its duration once it has ended. */
function reporterOf({ runtime, toolName, now }: ToolCallContext, toolCallId: string): Report {
  const startedAt = now();
  return (status, details = {}) =>
    runtime.onRunUpdate(
      toolCallId,
      {
        toolName,
        status,
        startedAt,
        durationMs: status === "running" ? undefined : now() - startedAt,
        cached: details.cached ?? false,
        truncated: details.truncated ?? false,
      },
      details.error,
    );
}

/** How a call that ran ends: its result reported and cached, or its error made safe, reported and thrown. */
function settlersOf(context: ToolCallContext, call: { deadline: Deadline; report: Report; cacheKey: string | undefined }) {
  const { deadline, report, cacheKey } = call;
  return {
    succeed(capped: CappedOutput<unknown>) {
      report("done", { truncated: capped.truncated });
      if (cacheKey !== undefined && context.cacheTtlMs !== undefined) context.runtime.cache.set(cacheKey, capped, context.cacheTtlMs);
      return capped.output;
    },
    fail(error: unknown): never {
      const status = deadline.timedOut ? "timeout" : deadline.signal.aborted ? "aborted" : "failed";
      // An abort keeps its reason; a ToolFailure is safe as it is; anything else is scrubbed.
      const thrown =
        status === "timeout" ? new ToolTimeoutError(context.timeoutMs) : status === "aborted" || error instanceof ToolFailure ? error : toModelSafeError(error);
      report(status, { error: thrown });
      throw thrown;
    },
  };
}

/** A capped result no longer matches the tool's own output schema, so the runtime's schema allows both. */
function withTruncation(outputSchema: Tool["outputSchema"]) {
  return outputSchema ? { outputSchema: z.union([outputSchema as z.ZodType, truncatedToolOutputSchema]) } : {};
}

/** Tools that stream preliminary results (`async *execute`): each passes through capped; the last is final. */
async function* streamResults(
  results: AsyncIterable<unknown>,
  call: {
    race: <T>(promise: PromiseLike<T>) => Promise<T>;
    dispose: () => void;
    succeed: (capped: CappedOutput<unknown>) => unknown;
    fail: (error: unknown) => never;
    maxOutputChars: number;
  },
): AsyncGenerator<unknown> {
  const iterator = results[Symbol.asyncIterator]();
  let last: CappedOutput<unknown> | undefined;
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await call.race(iterator.next());
      } catch (error) {
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
        return call.fail(error);
      }
      if (step.done) break;
      last = capOutput(step.value, call.maxOutputChars);
      yield last.output;
    }
    if (!last) return call.fail(new Error("The tool finished without a result."));
    call.succeed(last);
  } finally {
    call.dispose();
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/**
 * The tools' schemas as the runtime presents them (outputs may be truncated), without executing
 * anything: what `validateUIMessages` checks incoming history against.
 */
export function toolSchemasOf<DEFINITIONS extends ToolDefinitions>(definitions: DEFINITIONS): RuntimeTools<DEFINITIONS> {
  const tools = Object.entries(definitions).map(([name, { tool: definition }]) => {
    const schemas = { description: definition.description, inputSchema: definition.inputSchema };
    return [name, tool({ ...schemas, ...withTruncation(definition.outputSchema) } as Tool)];
  });
  return Object.fromEntries(tools) as RuntimeTools<DEFINITIONS>;
}
