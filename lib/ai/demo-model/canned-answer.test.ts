import { describe, expect, it } from "vitest";
import { composeCannedAnswer, EXAMPLE_PROMPTS } from "./canned-answer";

describe("composeCannedAnswer", () => {
  it.each(["hello", "Hi!", "hey there", "Good morning"])("greets back for %j", (greeting) => {
    const answer = composeCannedAnswer(greeting);
    expect(answer).toMatch(/^Hello! I'm Parley's \*\*offline demo model\*\*/);
    expect(answer).toContain("- What's the weather in Paris and Tokyo?");
  });

  it("writes TypeScript by default, with a relevant function", () => {
    const answer = composeCannedAnswer("Write a function that reverses a string");
    expect(answer).toContain("Here is a small TypeScript function that reverses a string");
    expect(answer).toMatch(/```typescript\n[\s\S]*export function reverseString\(text: string\): string[\s\S]*\n```/);
  });

  it.each([
    ["Write a Python function that checks for palindromes", "python", "def is_palindrome("],
    ["fibonacci in Rust please", "rust", "fn fibonacci("],
    ["Write a JavaScript function for factorials", "javascript", "export function factorial(n) {"],
    ["Write a prime check in Go", "go", "func IsPrime(n int) bool {"],
  ])("writes the requested language: %s", (question, fence, signature) => {
    const answer = composeCannedAnswer(question);
    expect(answer).toContain(`\`\`\`${fence}\n`);
    expect(answer).toContain(signature);
  });

  it("says so when it cannot write the requested language or topic", () => {
    const answer = composeCannedAnswer("Write a Java class that parses CSV");
    expect(answer).toContain("here is TypeScript instead of Java");
    expect(answer).toContain("I can't write code for “Write a Java class that parses CSV”");
    expect(answer).toContain("```typescript\n");
  });

  it("explains the demo, lists the example prompts and quotes the question", () => {
    const answer = composeCannedAnswer("Why is the sky blue?");
    expect(answer).toContain("offline demo model");
    expect(answer).toContain("“Why is the sky blue?”");
    for (const prompt of EXAMPLE_PROMPTS) expect(answer).toContain(`- ${prompt}`);
    expect(answer).toContain("`OPENAI_API_KEY`");
  });

  it("gives different questions different answers, and the same question the same one", () => {
    expect(composeCannedAnswer("Who won the 1998 World Cup?")).not.toBe(composeCannedAnswer("What is love?"));
    expect(composeCannedAnswer("What is love?")).toBe(composeCannedAnswer("What is love?"));
  });

  it("shortens a long question and keeps Markdown out of it", () => {
    const answer = composeCannedAnswer(`Tell me about **bold** ideas ${"and more ".repeat(30)}`);
    expect(answer).toContain("\\*\\*bold\\*\\*");
    expect(answer).toMatch(/…”/);
    expect(answer.split("\n")[0]?.length).toBeLessThan(300);
  });
});

describe("composeCannedAnswer: math", () => {
  it.each(["Show me a math formula", "What is the quadratic formula?", "Can you write equations in LaTeX?"])("answers %j with inline and display math, then code", (question) => {
    const answer = composeCannedAnswer(question);
    expect(answer).toContain("$ax^2 + bx + c = 0$");
    expect(answer).toContain("$$\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$");
    expect(answer).toContain("\\(\\Delta = b^2 - 4ac\\)");
    expect(answer).toContain("\\[\ne^{i\\pi} + 1 = 0\n\\]");
    expect(answer).toMatch(/```typescript\n[\s\S]*export function solveQuadratic[\s\S]*\n```/);
  });

  it("still writes code when code is what was asked for", () => {
    expect(composeCannedAnswer("Write a function for the quadratic formula")).toContain("Here is");
    expect(composeCannedAnswer("Write a function for the quadratic formula")).not.toContain("$$");
  });
});
