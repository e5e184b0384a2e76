import { codeSamples, fallbackCodeSample, languageNames, type CodeLanguage } from "./code-samples";
import { escapeMarkdown, shorten } from "./markdown";

// Answers for questions no tool can help with. Fixed texts, varied only by the question itself,
// so e2e tests can assert on their words and two different questions still get visibly
// different answers.

export const EXAMPLE_PROMPTS = [
  "What's the weather in Paris and Tokyo?",
  "What is 17% of 2340?",
  "What time is it in Tokyo?",
  "Write a TypeScript function that reverses a string",
] as const;

const MAX_QUOTED_CHARS = 80;

const GREETING = /^\s*(?:hello|hi|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day))\b/iu;
const MAX_GREETING_CHARS = 40;

const CODE_REQUEST =
  /\b(?:write|implement|create|generate|give\s+me|show\s+me|make)\b.*\b(?:function|method|class|script|program|snippet|code)\b|\bcode\b|\bsnippet\b/isu;

/** "… in Python", "using Rust": asking for code by naming the language. */
const IN_LANGUAGE =
  /\b(?:in|using|with)\s+(?:typescript|ts|javascript|js|node(?:\.js)?|python|go|golang|rust|java|kotlin|swift|ruby|php|c#|c\+\+|cpp)(?![\w#+])/iu;

/** Asking about math: answered with typeset formulas (and the same in code). */
const MATH_REQUEST = /\b(?:math|maths|formulas?|formulae|equations?|latex|katex|quadratic)\b/iu;

type LanguageMention = { pattern: RegExp; language: CodeLanguage | undefined; name: string };

/** Languages the demo model writes, and a few it is asked for but does not (answered in TypeScript). */
const LANGUAGE_MENTIONS: readonly LanguageMention[] = [
  { pattern: /\btypescript\b|\bts\b/iu, language: "typescript", name: "TypeScript" },
  { pattern: /\bjavascript\b|\bjs\b|\bnode(?:\.js)?\b/iu, language: "javascript", name: "JavaScript" },
  { pattern: /\bpython\b|\bpy\b/iu, language: "python", name: "Python" },
  { pattern: /\bgolang\b|\bin\s+go\b|\bgo\s+(?:function|code|program|snippet)\b/iu, language: "go", name: "Go" },
  { pattern: /\brust\b/iu, language: "rust", name: "Rust" },
  { pattern: /\bjava\b/iu, language: undefined, name: "Java" },
  { pattern: /\bkotlin\b/iu, language: undefined, name: "Kotlin" },
  { pattern: /\bswift\b/iu, language: undefined, name: "Swift" },
  { pattern: /\bruby\b/iu, language: undefined, name: "Ruby" },
  { pattern: /\bphp\b/iu, language: undefined, name: "PHP" },
  { pattern: /\bc#|\bcsharp\b/iu, language: undefined, name: "C#" },
  { pattern: /\bc\+\+|\bcpp\b/iu, language: undefined, name: "C++" },
];

/** The answer to a question the tools cannot help with: a greeting, some code, or what the demo can do. */
export function composeCannedAnswer(question: string): string {
  const trimmed = question.trim();
  if (GREETING.test(trimmed) && trimmed.length <= MAX_GREETING_CHARS) return greetingAnswer();
  if (CODE_REQUEST.test(trimmed) || IN_LANGUAGE.test(trimmed)) return codeAnswer(trimmed, findLanguageMention(trimmed));
  if (MATH_REQUEST.test(trimmed)) return mathAnswer(trimmed);
  return fallbackAnswer(trimmed);
}

function exampleList(): string {
  return EXAMPLE_PROMPTS.map((prompt) => `- ${prompt}`).join("\n");
}

function greetingAnswer(): string {
  return [
    "Hello! I'm Parley's **offline demo model**. I can't hold a real conversation, but I can use real tools: " +
      "check the weather, do exact arithmetic and tell the time anywhere, several at once. Try one of these:",
    "",
    exampleList(),
    "",
    "Set `OPENAI_API_KEY` to switch to a real model.",
  ].join("\n");
}

function findLanguageMention(question: string): LanguageMention | undefined {
  let first: { mention: LanguageMention; index: number } | undefined;
  for (const mention of LANGUAGE_MENTIONS) {
    const index = question.search(mention.pattern);
    if (index !== -1 && (first === undefined || index < first.index)) first = { mention, index };
  }
  return first?.mention;
}

function codeAnswer(question: string, mention: LanguageMention | undefined): string {
  const language: CodeLanguage = mention?.language ?? "typescript";
  const languageName = languageNames[language];
  const known = codeSamples.find((candidate) => candidate.topic.test(question));
  const sample = known ?? fallbackCodeSample;

  const lines: string[] = [];
  if (mention && !mention.language) {
    lines.push(
      `Offline, I can only write TypeScript, JavaScript, Python, Go and Rust, so here is ${languageName} instead of ${mention.name}.`,
      "",
    );
  }
  lines.push(
    known
      ? `Here is a small ${languageName} function that ${sample.summary}, for “${quote(question)}”. ${sample.note}`
      : `I'm the offline demo model and only know a few small functions, so I can't write code for “${quote(question)}”. ` +
          `Here is one I know, a ${languageName} function that ${sample.summary}. ${sample.note}`,
    "",
    `\`\`\`${language}`,
    sample.code[language],
    "```",
    "",
    `For example, ${sample.example}`,
    "",
    "Set `OPENAI_API_KEY` to switch to a real model that writes any code you ask for.",
  );
  return lines.join("\n");
}

/** Inline and display math in each of the notations models use, then code: what the renderer shows. */
function mathAnswer(question: string): string {
  return [
    `Here is the **quadratic formula**, for “${quote(question)}”. The roots of $ax^2 + bx + c = 0$, with $a \\neq 0$, are`,
    "",
    "$$",
    "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}",
    "$$",
    "",
    "The discriminant \\(\\Delta = b^2 - 4ac\\) says how many real roots there are: two when $\\Delta > 0$, " +
      "one when $\\Delta = 0$ and none when $\\Delta < 0$. And Euler's identity, for good measure:",
    "",
    "\\[",
    "e^{i\\pi} + 1 = 0",
    "\\]",
    "",
    "The same formula in TypeScript:",
    "",
    "```typescript",
    "/** The real roots of ax² + bx + c = 0 (a ≠ 0), smallest first. */",
    "export function solveQuadratic(a: number, b: number, c: number): number[] {",
    "  const discriminant = b * b - 4 * a * c;",
    "  if (discriminant < 0) return [];",
    "  const root = Math.sqrt(discriminant);",
    "  return [...new Set([(-b - root) / (2 * a), (-b + root) / (2 * a)])].sort((x, y) => x - y);",
    "}",
    "```",
    "",
    "For example, `solveQuadratic(1, -3, 2)` gives `[1, 2]`: that is $x^2 - 3x + 2 = (x - 1)(x - 2)$.",
    "",
    "Set `OPENAI_API_KEY` to switch to a real model that can explain any formula.",
  ].join("\n");
}

function fallbackAnswer(question: string): string {
  const asked = question === "" ? "your message" : `“${quote(question)}”`;
  return [
    `I'm Parley's **offline demo model**, so I can't answer ${asked} myself. ` +
      "Without an API key I only understand a few kinds of requests, and I answer them with real tools. Try one of these:",
    "",
    exampleList(),
    "",
    "Setting `OPENAI_API_KEY` switches Parley to a real model that can answer anything.",
  ].join("\n");
}

function quote(question: string): string {
  return escapeMarkdown(shorten(question, MAX_QUOTED_CHARS));
}
