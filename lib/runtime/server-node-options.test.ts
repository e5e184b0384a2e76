import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS, SERVER_NODE_OPTIONS } from "./server-node-options";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

// Two places cannot import the constant: the start script (a shell command) and what SST deploys
// (it imports it, checked here as text since sst.config.ts only runs under SST).
describe("the production servers' Node options", () => {
  it("`npm start` passes the self-hosted ones, keeping the caller's own NODE_OPTIONS", () => {
    const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`NODE_OPTIONS="${SELF_HOSTED_SERVER_NODE_OPTIONS} $NODE_OPTIONS"`);
  });

  it("the Lambda function gets them as NODE_OPTIONS", () => {
    expect(read("sst.config.ts")).toMatch(/environment: \{[^}]*NODE_OPTIONS: SERVER_NODE_OPTIONS,/);
  });

  it.each([
    ["server", SERVER_NODE_OPTIONS],
    ["self-hosted server", SELF_HOSTED_SERVER_NODE_OPTIONS],
  ])("the %s options are options this Node accepts, without a warning", async (_name, options) => {
    const { spawnSync } = await import("node:child_process");
    // From the app's directory, as the servers run.
    const run = spawnSync(process.execPath, ["-e", "process.exit(0)"], { cwd: new URL("../../", import.meta.url), env: { ...process.env, NODE_OPTIONS: options }, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
