import { z } from "zod";
import { evaluateExpression, MathInputError, MAX_EXPRESSION_LENGTH } from "./safe-math.ts";

// Imported by the worker entry (calculate-worker.ts), so imports name their `.ts` file.

export const calculationInputSchema = z.object({
  expression: z
    .string()
    .trim()
    .min(1)
    .max(MAX_EXPRESSION_LENGTH)
    .describe('An arithmetic expression, e.g. "17% * 2340", "sqrt(2) / 3", "12!", "5 km to mile".'),
});

export const calculationOutputSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), expression: z.string(), result: z.string() }),
  z.object({ ok: z.literal(false), expression: z.string(), reason: z.string() }),
]);

export type CalculationInput = z.infer<typeof calculationInputSchema>;
export type CalculationOutput = z.infer<typeof calculationOutputSchema>;

/** "17% of 2340" is how people write it; the math library wants "17% * 2340". */
function normalizeExpression(expression: string): string {
  return expression.replace(/(\d(?:[\d.]*)\s*%)\s+of\s+/gi, "$1 * ").replace(/×/g, "*").replace(/÷/g, "/");
}

/** One calculation; an expression the library refuses is an answer the model can read, not an error. */
export function calculation({ expression }: CalculationInput): CalculationOutput {
  try {
    return { ok: true, expression, result: evaluateExpression(normalizeExpression(expression)) };
  } catch (error) {
    if (error instanceof MathInputError) return { ok: false, expression, reason: error.message };
    throw error;
  }
}
