import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { createApiKey } from "./support/api-keys";
import { findReadmeExamples, runExample } from "./support/readme-examples";
import { baseServerEnv, baseUrlOf, dataDirOf } from "./servers";

// The README's API section runs as written: every example marked `<!-- api-example: name -->` is
// run against the demo server (or, for approval, one where calculations wait for it) with the two
// variables the README has the reader export, exits 0, prints no error, and prints what the README
// says it does: the tool's result in the answer.

const demoUrl = baseUrlOf("demo");
/** A server on which every calculation waits for approval, as the README's approval example expects. */
const approvalPort = 3119;
let approvalServer: NextServer | undefined;
const readmePath = join(process.cwd(), "README.md");
const { examples, problems } = findReadmeExamples(readFileSync(readmePath, "utf8"));

type Expected = {
  /** Texts the example's whole output contains. */
  printed: string[];
  /** Texts the answer in that output contains: results only Parley's calculator tool computes. */
  answer: string[];
  /** The answer's text in the output; default: the whole output. */
  answerIn?: (output: string) => string;
  /** Runs against a server where every calculation waits for approval. */
  approval?: true;
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
  "openai-approval": { printed: ["approving calculate {\"expression\":"], answer: ["= 42"], approval: true },
};

test.afterAll(async () => {
  await approvalServer?.stop();
});

/** The server an example runs against: the demo server, or the approval one, started on first use. */
async function serverFor(expected: Expected): Promise<string> {
  if (!expected.approval) return demoUrl;
  approvalServer ??= await startNextServer({
    port: approvalPort,
    dataDir: dataDirOf("readme-approval"),
    env: { ...baseServerEnv, TOOL_APPROVAL: '{"calculate":"always"}', TOOL_APPROVAL_SECRET: "e2e-readme-approval-secret-32-bytes" },
  });
  return approvalServer.url;
}

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
      const baseUrl = await serverFor(expected);
      const { secret } = await createApiKey(baseUrl, { name: `readme ${example.name}` });
      // Inside the repository (test-results/), so the example's imports resolve from node_modules.
      const scriptPath = test.info().outputPath(`${example.name}.mts`);
      await mkdir(dirname(scriptPath), { recursive: true });

      const { exitCode, stdout, stderr } = await runExample(example, { env: { PARLEY_URL: baseUrl, PARLEY_API_KEY: secret }, scriptPath, timeoutMs: 45_000 });

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
