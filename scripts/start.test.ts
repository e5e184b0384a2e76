import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS } from "@/lib/runtime/server-node-options";

// `npm start` runs scripts/start.sh; here with a stand-in `next` first on the PATH that prints what
// it was started with.
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = mkdtempSync(join(tmpdir(), "parley-start-"));
writeFileSync(join(bin, "next"), '#!/bin/sh\nprintf "%s\\n" "$$" "$NODE_OPTIONS" "$NEXT_TELEMETRY_DISABLED" "$PORT" "$@"\n');
chmodSync(join(bin, "next"), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe("npm start", () => {
  it("execs `next start` with the self-hosted Node options ahead of the caller's, PORT and the arguments unchanged", () => {
    const run = spawnSync("sh", ["scripts/start.sh", "-p", "4000", "-H", "0.0.0.0"], {
      cwd: root,
      env: { ...process.env, PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, NODE_OPTIONS: "--trace-warnings", PORT: "4100" },
      encoding: "utf8",
    });

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Next is the process that was started (so it gets the signals), not a child of a shell.
    expect(run.stdout.split("\n")).toEqual([
      String(run.pid),
      `${SELF_HOSTED_SERVER_NODE_OPTIONS} --trace-warnings`,
      "1",
      "4100",
      "start",
      "-p",
      "4000",
      "-H",
      "0.0.0.0",
      "",
    ]);
  });
});
