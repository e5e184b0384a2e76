import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";

// The README's runnable examples: each is marked `<!-- api-example: name -->` just before its fenced
// block, and runs as a reader would run it: a shell block in bash, a TypeScript block as a file of
// its own under the project's Node.

export type ReadmeExample = { name: string; language: "sh" | "ts"; code: string };

export type ReadmeExamples = {
  examples: ReadmeExample[];
  /** Markers that are not followed by a fenced `sh` or `ts` block, or that repeat a name. */
  problems: string[];
};

const MARKER = /<!--\s*api-example:\s*(\S*)\s*-->/g;
/** The fenced block right after a marker: only blank lines between them. */
const FENCED_BLOCK = /^\s*\n```(\w*)\n([\s\S]*?)\n```/;

export function findReadmeExamples(readme: string): ReadmeExamples {
  const examples: ReadmeExample[] = [];
  const problems: string[] = [];
  for (const marker of readme.matchAll(MARKER)) {
    const name = marker[1] ?? "";
    const block = FENCED_BLOCK.exec(readme.slice(marker.index + marker[0].length));
    const language = block?.[1];
    if (name === "") problems.push(`a marker without a name: ${marker[0]}`);
    else if (!block) problems.push(`"${name}" is not followed by a fenced block`);
    else if (language !== "sh" && language !== "ts") problems.push(`"${name}" is a \`${language}\` block, not \`sh\` or \`ts\``);
    else if (examples.some((example) => example.name === name)) problems.push(`"${name}" is marked twice`);
    else examples.push({ name, language, code: block[2] ?? "" });
  }
  return { examples, problems };
}

export type ExampleRun = { exitCode: number | null; stdout: string; stderr: string };

export type RunExampleOptions = {
  env: Record<string, string>;
  /** Where a TypeScript example is written: a `.mts` path inside the repository, so its imports resolve from node_modules. */
  scriptPath: string;
  timeoutMs: number;
};

/** Runs an example as written: `sh` with `bash -euo pipefail -c`, `ts` as a `.mts` file with this process's Node. */
export async function runExample(example: ReadmeExample, { env, scriptPath, timeoutMs }: RunExampleOptions): Promise<ExampleRun> {
  // A reader's shell has none of the test runner's Node options (its loaders, its inspector).
  const { NODE_OPTIONS: _runnerOptions, ...inherited } = process.env;
  const environment = { ...inherited, ...env };
  if (example.language === "sh") return run("bash", ["-euo", "pipefail", "-c", example.code], environment, timeoutMs);
  await writeFile(scriptPath, example.code);
  try {
    return await run(process.execPath, [scriptPath], environment, timeoutMs);
  } finally {
    await rm(scriptPath, { force: true });
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ExampleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
