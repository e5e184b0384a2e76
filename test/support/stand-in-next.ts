import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The scripts behind `npm start` and `npm run dev`, run with a stand-in `next` first on the PATH
// that prints what it was started with, one line each: its pid, NODE_OPTIONS,
// NEXT_TELEMETRY_DISABLED, PORT, HOST, then its arguments.

const root = fileURLToPath(new URL("../..", import.meta.url));

export type ScriptRun = { status: number | null; stdout: string; stderr: string; pid: number | undefined; lines: string[] };

export function standInNext(): { run: (script: string, args: string[], env?: Record<string, string>) => ScriptRun; remove: () => void } {
  const bin = mkdtempSync(join(tmpdir(), "parley-next-"));
  writeFileSync(join(bin, "next"), '#!/bin/sh\nprintf "%s\\n" "$$" "$NODE_OPTIONS" "$NEXT_TELEMETRY_DISABLED" "$PORT" "$HOST" "$@"\n');
  chmodSync(join(bin, "next"), 0o755);
  const run = (script: string, args: string[], env: Record<string, string> = {}): ScriptRun => {
    const { HOST: _inherited, ...environment } = process.env;
    const result = spawnSync("sh", [script, ...args], {
      cwd: root,
      env: { ...environment, PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, ...env },
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, pid: result.pid, lines: result.stdout.split("\n") };
  };
  return { run, remove: () => rmSync(bin, { recursive: true, force: true }) };
}
