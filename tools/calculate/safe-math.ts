import { all, create, type FactoryFunctionMap, type MathNode } from "mathjs";

// Arithmetic for untrusted input (the model's, ultimately the user's): the expression is parsed,
// checked against an allowlist of node types, operators, functions and constants, and only then
// evaluated. No assignments, function definitions, matrices, ranges, strings or property access.

// `all` is typed as possibly undefined, but the package always exports it.
const math = create(all as FactoryFunctionMap, { number: "BigNumber", precision: 64 });

// Functions whose cost explodes with their arguments get a cap: a clear refusal instead of a call
// that runs until its timeout. What still runs long is stopped by the tool's deadline (the tool
// runs in a worker thread, see calculate.ts).
const MAX_FACTORIAL_ARGUMENT = 1_000;
const factorialLimit = `Factorials are limited to arguments up to ${MAX_FACTORIAL_ARGUMENT}.`;
// combinations(n, k) and permutations(n, k) take about k multiplications.
const MAX_CHOSEN = 1_000_000;

const { factorial, combinations, permutations } = math;
type Value = Parameters<typeof factorial>[0];

function refuseAbove(value: unknown, limit: number, message: string): void {
  if (math.larger(math.abs(value as never), limit)) throw new Error(message);
}

math.import(
  {
    factorial: (value: Value) => {
      refuseAbove(value, MAX_FACTORIAL_ARGUMENT, factorialLimit);
      return factorial(value);
    },
    combinations: (n: Value, k: Value) => {
      refuseAbove(k, MAX_CHOSEN, chosenLimit("combinations"));
      return combinations(n as never, k as never);
    },
    // permutations(n) is n!
    permutations: (n: Value, k?: Value) => {
      if (k === undefined) refuseAbove(n, MAX_FACTORIAL_ARGUMENT, factorialLimit);
      else refuseAbove(k, MAX_CHOSEN, chosenLimit("permutations"));
      return k === undefined ? permutations(n as never) : permutations(n as never, k as never);
    },
  },
  { override: true },
);

function chosenLimit(name: string): string {
  return `${name}(n, k) is limited to k up to ${MAX_CHOSEN.toLocaleString("en")}.`;
}

// decimal.js raises its precision while it computes some functions and does not restore it when
// it throws; every evaluation starts from these settings again.
type BigNumberSettings = Record<"precision" | "rounding" | "toExpNeg" | "toExpPos" | "minE" | "maxE" | "modulo", number> & { crypto: boolean };
// mathjs's types leave out its decimal.js class, which holds these settings.
const { BigNumber } = math as unknown as { BigNumber: BigNumberSettings & { set(settings: BigNumberSettings): void } };
const { precision, rounding, toExpNeg, toExpPos, minE, maxE, modulo, crypto } = BigNumber;
const bigNumberSettings: BigNumberSettings = { precision, rounding, toExpNeg, toExpPos, minE, maxE, modulo, crypto };

export const MAX_EXPRESSION_LENGTH = 500;
const MAX_DEPTH = 60;

const allowedOperators = new Set(["+", "-", "*", "/", "^", "%", "mod", "!", "to", "in", ".*", "./", ".^"]);
const allowedConstants = new Set(["pi", "e", "tau", "phi", "i", "Infinity", "NaN", "PI", "E"]);
const allowedFunctions = new Set([
  "abs", "sqrt", "cbrt", "nthRoot", "exp", "expm1", "log", "log10", "log2", "log1p", "pow", "hypot",
  "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "sec", "csc", "cot",
  "round", "floor", "ceil", "fix", "sign", "min", "max", "mean", "median", "sum", "prod", "mod",
  "gcd", "lcm", "factorial", "combinations", "permutations", "deg", "unit", "re", "im", "conj", "arg",
]);

export class MathInputError extends Error {
  override name = "MathInputError";
}

/** Evaluates an arithmetic expression exactly (64 significant digits) and formats the result. */
export function evaluateExpression(expression: string): string {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new MathInputError(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
  }
  let root: MathNode;
  try {
    root = math.parse(expression);
  } catch (error) {
    throw new MathInputError(`The expression could not be read: ${(error as Error).message}.`);
  }
  assertAllowed(root, 0);
  try {
    return formatResult(root.compile().evaluate({}));
  } catch (error) {
    throw new MathInputError(`The expression could not be evaluated: ${reasonOf(error)}`);
  } finally {
    BigNumber.set(bigNumberSettings);
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("Precision limit exceeded")) return "its numbers are too large to compute exactly.";
  return message;
}

/** Integers are exact up to 64 digits and shown in full; other values get 15 significant digits. */
function formatResult(result: unknown): string {
  if (math.isBigNumber(result) && result.isInteger() && result.abs().lt("1e64")) return result.toFixed();
  return math.format(result, { precision: 15, lowerExp: -9, upperExp: 30 });
}

function assertAllowed(node: MathNode, depth: number): void {
  if (depth > MAX_DEPTH) throw new MathInputError("The expression is nested too deeply.");
  const next = depth + 1;
  switch (node.type) {
    case "ConstantNode": {
      const { value } = node as unknown as { value: unknown };
      if (typeof value === "string" || typeof value === "boolean" || value === null || value === undefined) {
        throw new MathInputError("Only numbers are allowed as literals.");
      }
      return;
    }
    case "SymbolNode": {
      const { name } = node as unknown as { name: string };
      if (allowedConstants.has(name) || math.Unit.isValuelessUnit(name)) return;
      throw new MathInputError(`"${name}" is not a known constant or unit.`);
    }
    case "ParenthesisNode":
      return assertAllowed((node as unknown as { content: MathNode }).content, next);
    case "OperatorNode": {
      const { op, args } = node as unknown as { op: string; args: MathNode[] };
      if (!allowedOperators.has(op)) throw new MathInputError(`The operator "${op}" is not supported.`);
      for (const argument of args) assertAllowed(argument, next);
      return;
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode & { name?: string }; args: MathNode[] };
      if (fn.type !== "SymbolNode" || !fn.name || !allowedFunctions.has(fn.name)) {
        throw new MathInputError(`The function "${fn.name ?? "?"}" is not supported.`);
      }
      for (const argument of args) assertAllowed(argument, next);
      return;
    }
    default:
      throw new MathInputError(`This kind of expression (${node.type}) is not supported.`);
  }
}
