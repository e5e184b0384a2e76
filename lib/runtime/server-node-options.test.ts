import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_OPTIONS } from "./server-node-options";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

// Two places cannot import the constant: the start script (a shell command) and what SST deploys
// (it imports it, checked here as text since sst.config.ts only runs under SST).
describe("the production servers' Node options", () => {
  it("`npm start` passes them, keeping the caller's own NODE_OPTIONS", () => {
    const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`NODE_OPTIONS="${SERVER_NODE_OPTIONS} $NODE_OPTIONS"`);
  });

  it("the Lambda function gets them as NODE_OPTIONS", () => {
    expect(read("sst.config.ts")).toMatch(/environment: \{[^}]*NODE_OPTIONS: SERVER_NODE_OPTIONS,/);
  });

  it("are options this Node accepts", async () => {
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync(process.execPath, ["-e", "process.exit(0)"], { env: { ...process.env, NODE_OPTIONS: SERVER_NODE_OPTIONS }, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
