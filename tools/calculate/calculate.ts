import { Worker } from "node:worker_threads";
import { tool } from "ai";
import { defineTool } from "@/lib/tools/tool-definition";
import { createWorkerPool } from "@/lib/tools/worker/worker-pool";
import { calculationInputSchema, calculationOutputSchema, type CalculationInput, type CalculationOutput } from "./calculation";

// CPU work: each call runs in a worker thread, terminated when the call's deadline passes. Its
// heap is capped too: an expression that builds huge numbers ends its worker, not the server.
const calculations = createWorkerPool<CalculationInput, CalculationOutput>({
  spawn: () => new Worker(new URL("./calculate-worker.ts", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 128 } }),
});

export const calculate = defineTool(
  tool({
    description:
      "Evaluate an arithmetic expression exactly: + - * / ^ %, parentheses, factorial, common functions " +
      "(sqrt, log, sin, round, ...), constants (pi, e) and unit conversions. Use it for any arithmetic.",
    inputSchema: calculationInputSchema,
    outputSchema: calculationOutputSchema,
    execute: (input, { abortSignal }) => calculations.run(input, abortSignal),
  }),
  { timeoutMs: 2_000, maxOutputChars: 2_000 },
);
