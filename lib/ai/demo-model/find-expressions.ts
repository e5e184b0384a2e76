// Finds arithmetic in a question: after "calculate", "what is", "how much is"…, or as a clause
// of its own ("12 * (3 + 4)"). A candidate only counts when every word in it is maths (functions,
// constants, units, "of", "to"), so "what is the weather in Paris" is not an expression.

export type FoundExpression = { index: number; expression: string };

const TRIGGER =
  /\b(?:calculate|compute|evaluate|solve|work\s+out|what(?:'|’)?s|what\s+(?:is|are)|how\s+much\s+is)\s+(?:the\s+(?:result|value|answer)\s+of\s+)?/giu;

/** Where a new clause may start: after a sentence end, a comma, or a joining word. */
const CLAUSE_START = /[?!;\n]\s*|\.\s+|,\s*(?:and\s+)?|\s+(?:and|also|then)\s+/giu;

const TRAILING_FILLER = /\s+(?:please|for\s+me|exactly|precisely|again|now|then|too)$/iu;

const MATH_WORDS = new Set([
  // what the tool's math library evaluates (tools/calculate/safe-math.ts)
  "abs", "sqrt", "cbrt", "nthroot", "exp", "expm1", "log", "log10", "log2", "log1p", "pow", "hypot",
  "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "sec", "csc", "cot",
  "round", "floor", "ceil", "fix", "sign", "min", "max", "mean", "median", "sum", "prod", "mod",
  "gcd", "lcm", "factorial", "combinations", "permutations", "pi", "e", "tau", "phi",
  // "17% of 2340", "5 km to mile", "100 fahrenheit in celsius"
  "of", "to", "in", "deg", "rad",
  "km", "m", "cm", "mm", "mi", "mile", "miles", "ft", "foot", "feet", "inch", "inches", "yard", "yards",
  "kg", "g", "mg", "lb", "lbs", "pound", "pounds", "oz", "ounce", "ounces", "l", "ml", "liter", "liters",
  "litre", "litres", "gallon", "gallons", "celsius", "fahrenheit", "kelvin", "degc", "degf", "k",
  "s", "sec", "second", "seconds", "min", "minute", "minutes", "h", "hour", "hours", "day", "days",
  "week", "weeks", "year", "years", "mph", "kmh", "b", "byte", "bytes", "kb", "mb", "gb", "tb",
]);

const ALLOWED_CHARACTERS = /^[\p{L}\d\s.+\-*/^%()!×÷,]+$/u;
const OPERATOR = /[+\-*/^%!×÷]|\p{L}\s*\(|\s(?:to|in)\s/u;
const WORD = /\p{L}+/gu;
const MAX_EXPRESSION_LENGTH = 500;

/** Room for filler ("please") and spacing around an expression of the longest accepted length. */
const MAX_SCAN_CHARS = MAX_EXPRESSION_LENGTH + 50;
const AND_AHEAD = /\s+and\s/iy;
const WHITESPACE = /\s/u;

/** Every arithmetic expression in the text, in order, without overlaps. */
export function findExpressions(text: string): FoundExpression[] {
  const starts = new Set<number>([0]);
  for (const match of text.matchAll(TRIGGER)) starts.add(match.index + match[0].length);
  for (const match of text.matchAll(CLAUSE_START)) starts.add(match.index + match[0].length);

  const found: FoundExpression[] = [];
  let foundEnd = 0;
  for (const start of [...starts].sort((a, b) => a - b)) {
    if (start < foundEnd) continue;
    const candidate = readExpression(text, start);
    if (candidate === undefined || !isArithmetic(candidate.expression)) continue;
    found.push({ index: start, expression: candidate.expression });
    foundEnd = candidate.end;
  }
  return found;
}

/**
 * Reads from `start` to the end of the clause. Commas inside parentheses ("max(1, 2)") and
 * thousands separators ("2,340", dropped) do not end it; "!" does not either, it is a factorial.
 * The scan is bounded, so a long message costs linear time however many starts it has.
 */
function readExpression(text: string, start: number): { expression: string; end: number } | undefined {
  const limit = Math.min(text.length, start + MAX_SCAN_CHARS);
  let depth = 0;
  let expression = "";
  for (let index = start; index < limit; index++) {
    const character = text[index] ?? "";
    if (character === "(") depth++;
    else if (character === ")") depth--;
    else if (depth <= 0 && endsClause(text, index, character, expression)) {
      return { expression: tidy(expression), end: index };
    } else if (character === "," && depth <= 0) {
      continue; // a thousands separator
    }
    expression += character;
  }
  return limit === text.length ? { expression: tidy(expression), end: limit } : undefined;
}

function endsClause(text: string, index: number, character: string, expressionSoFar: string): boolean {
  switch (character) {
    case "?":
    case ";":
    case ":":
    case "\n":
      return true;
    case ".": {
      const next = text[index + 1];
      return next === undefined || WHITESPACE.test(next);
    }
    case ",":
      return !isThousandsSeparator(text, index, expressionSoFar);
    default:
      if (!WHITESPACE.test(character)) return false;
      AND_AHEAD.lastIndex = index;
      return AND_AHEAD.test(text);
  }
}

/** "2,340": a digit before, exactly three after. */
function isThousandsSeparator(text: string, index: number, expressionSoFar: string): boolean {
  return (
    isDigit(expressionSoFar[expressionSoFar.length - 1]) &&
    isDigit(text[index + 1]) &&
    isDigit(text[index + 2]) &&
    isDigit(text[index + 3]) &&
    !isDigit(text[index + 4])
  );
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= "0" && character <= "9";
}

function tidy(candidate: string): string {
  let current = candidate.trim();
  for (;;) {
    const next = current.replace(TRAILING_FILLER, "").replace(/[\s=]+$/u, "").trim();
    if (next === current) return current.replace(/\s+/gu, " ");
    current = next;
  }
}

function isArithmetic(candidate: string): boolean {
  if (candidate.length === 0 || candidate.length > MAX_EXPRESSION_LENGTH) return false;
  if (!/\d/u.test(candidate) || !ALLOWED_CHARACTERS.test(candidate) || !OPERATOR.test(candidate)) return false;
  if (!hasBalancedParentheses(candidate)) return false;
  for (const [word] of candidate.matchAll(WORD)) {
    if (!MATH_WORDS.has(word.toLowerCase())) return false;
  }
  return true;
}

function hasBalancedParentheses(candidate: string): boolean {
  let depth = 0;
  for (const character of candidate) {
    if (character === "(") depth++;
    else if (character === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
