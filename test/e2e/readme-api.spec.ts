import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { createApiKey } from "./support/api-keys";
import { findReadmeExamples, runExample } from "./support/readme-examples";
import { baseUrlOf } from "./servers";

// The README's API section runs as written: every example marked `<!-- api-example: name -->` is
// run against the demo server with the two variables the README has the reader export, exits 0,
// prints no error, and prints what the README says it does: the tool's result in the answer.

const demoUrl = baseUrlOf("demo");
const readmePath = join(process.cwd(), "README.md");
const { examples, problems } = findReadmeExamples(readFileSync(readmePath, "utf8"));

type Expected = {
  /** Texts the example's whole output contains. */
  printed: string[];
  /** Texts the answer in that output contains: results only Parley's calculator tool computes. */
  answer: string[];
  /** The answer's text in the output; default: the whole output. */
  answerIn?: (output: string) => string;
};

/** A whole completion's JSON: its message's text. */
const completionContent = (output: string) => (JSON.parse(output) as { choices: { message: { content: string | null } }[] }).choices[0]?.message.content ?? "";

/** A stream's `data:` events: their text deltas, put together. */
const streamedContent = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => (JSON.parse(line.slice("data: ".length)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "")
    .join("");

/** Every example of the README, and only those: a new example without its line here fails. */
const expectedOutput: Record<string, Expected> = {
  "curl-completion": { printed: ['"object":"chat.completion"'], answer: ["= 391"], answerIn: completionContent },
  "curl-stream": { printed: ['"object":"chat.completion.chunk"', "\ndata: [DONE]"], answer: ["= 1024"], answerIn: streamedContent },
  "openai-client": { printed: ["[calculate: done]", "[getCurrentTime: done]"], answer: ["= 30", "Tokyo"] },
  "ai-sdk": { printed: [], answer: ["= 42"] },
};

test.describe("the README's API examples", () => {
  test("are marked before a fenced sh or ts block, and each has its expected output here", () => {
    expect(problems).toEqual([]);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.map((example) => example.name).sort()).toEqual(Object.keys(expectedOutput).sort());
  });

  for (const example of examples) {
    test(`${example.name} (${example.language}) runs as written and prints what the README says`, async () => {
      const expected = expectedOutput[example.name];
      if (!expected) throw new Error(`"${example.name}" has no expected output in this spec`);
      const { secret } = await createApiKey(demoUrl, { name: `readme ${example.name}` });
      // Inside the repository (test-results/), so the example's imports resolve from node_modules.
      const scriptPath = test.info().outputPath(`${example.name}.mts`);
      await mkdir(dirname(scriptPath), { recursive: true });

      const { exitCode, stdout, stderr } = await runExample(example, { env: { PARLEY_URL: demoUrl, PARLEY_API_KEY: secret }, scriptPath, timeoutMs: 45_000 });

      expect(stderr).toBe("");
      expect(exitCode).toBe(0);
      // OpenAI's error object, whole or as a stream's event: a curl without --fail still exits 0.
      expect(stdout).not.toContain('"error":{');
      for (const text of expected.printed) expect(stdout).toContain(text);
      const answer = (expected.answerIn ?? ((output: string) => output))(stdout);
      for (const text of expected.answer) expect(answer).toContain(text);
    });
  }
});
