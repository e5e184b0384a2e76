import { tool } from "ai";
import { z } from "zod";
import { defineTool } from "@/lib/tools/tool-definition";
import { evaluateExpression, MathInputError, MAX_EXPRESSION_LENGTH } from "./safe-math";

const inputSchema = z.object({
  expression: z
    .string()
    .trim()
    .min(1)
    .max(MAX_EXPRESSION_LENGTH)
    .describe('An arithmetic expression, e.g. "17% * 2340", "sqrt(2) / 3", "12!", "5 km to mile".'),
});

const outputSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), expression: z.string(), result: z.string() }),
  z.object({ ok: z.literal(false), expression: z.string(), reason: z.string() }),
]);

/** "17% of 2340" is how people write it; the math library wants "17% * 2340". */
function normalizeExpression(expression: string): string {
  return expression.replace(/(\d(?:[\d.]*)\s*%)\s+of\s+/gi, "$1 * ").replace(/×/g, "*").replace(/÷/g, "/");
}

export const calculate = defineTool(
  tool({
    description:
      "Evaluate an arithmetic expression exactly: + - * / ^ %, parentheses, factorial, common functions " +
      "(sqrt, log, sin, round, ...), constants (pi, e) and unit conversions. Use it for any arithmetic.",
    inputSchema,
    outputSchema,
    execute: async ({ expression }) => {
      try {
        return { ok: true as const, expression, result: evaluateExpression(normalizeExpression(expression)) };
      } catch (error) {
        if (error instanceof MathInputError) return { ok: false as const, expression, reason: error.message };
        throw error;
      }
    },
  }),
  { timeoutMs: 2_000, maxOutputChars: 2_000 },
);
