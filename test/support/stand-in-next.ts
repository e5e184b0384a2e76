import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// The scripts behind `npm start` and `npm run dev`, run with a stand-in `next` first on the PATH
// that prints what it was started with, one line each: its pid, its parent's pid, NODE_OPTIONS,
// NEXT_TELEMETRY_DISABLED, PORT, HOST, then its arguments. With STAND_IN_NEXT_SERVES=1 it then
// serves, as `next start` does, on the port of its `-p` (or PORT) and the host of its last `-H`
// (through the self-hosted preload when NODE_OPTIONS loads it), answering every request with its
// pid, until SIGTERM or SIGINT. A Node script, as Next's CLI is: npm start's cluster runs it with Node.
const standIn = `#!/usr/bin/env node
const { createServer } = require("node:http");
const args = process.argv.slice(2);
const env = process.env;
process.stdout.write([process.pid, process.ppid, env.NODE_OPTIONS ?? "", env.NEXT_TELEMETRY_DISABLED ?? "", env.PORT ?? "", env.HOST ?? "", ...args, ""].join("\\n"));
if (env.STAND_IN_NEXT_SERVES === "1") {
  const last = (flag) => args[args.lastIndexOf(flag) + 1];
  const server = createServer((request, response) => response.end(String(process.pid)));
  server.listen(Number(args.includes("-p") ? last("-p") : env.PORT), last("-H"));
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
} else {
  // Run by npm start's cluster, its open channel to the primary would keep it alive.
  process.channel?.unref();
}
`;

const root = fileURLToPath(new URL("../..", import.meta.url));

export type ScriptRun = { status: number | null; stdout: string; stderr: string; pid: number | undefined; lines: string[] };

/** A script left running: each line of its stdout as it comes, and how it ended. */
export type RunningScript = { child: ChildProcess; lines: AsyncIterator<string>; stderr: () => string; ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

export function standInNext(): {
  run: (script: string, args: string[], env?: Record<string, string>) => ScriptRun;
  start: (script: string, args: string[], env?: Record<string, string>) => RunningScript;
  remove: () => void;
} {
  const bin = mkdtempSync(join(tmpdir(), "parley-next-"));
  writeFileSync(join(bin, "next"), standIn);
  chmodSync(join(bin, "next"), 0o755);
  const environment = (env: Record<string, string>) => {
    // What the tests set, not what this machine's environment happens to say.
    const { HOST: _host, WEB_CONCURRENCY: _processes, ...inherited } = process.env;
    return { ...inherited, PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, ...env };
  };
  const run = (script: string, args: string[], env: Record<string, string> = {}): ScriptRun => {
    const result = spawnSync("sh", [script, ...args], { cwd: root, env: environment(env), encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, pid: result.pid, lines: result.stdout.split("\n") };
  };
  const start = (script: string, args: string[], env: Record<string, string> = {}): RunningScript => {
    const child = spawn("sh", [script, ...args], { cwd: root, env: environment(env), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return { child, lines, stderr: () => stderr, ended };
  };
  return { run, start, remove: () => rmSync(bin, { recursive: true, force: true }) };
}
