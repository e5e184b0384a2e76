import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS } from "./server-node-options";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

// The start script is a shell command: it cannot import the constant.
describe("the self-hosted server's Node options", () => {
  it("`npm start` passes the self-hosted ones, keeping the caller's own NODE_OPTIONS", () => {
    const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`NODE_OPTIONS="${SELF_HOSTED_SERVER_NODE_OPTIONS} $NODE_OPTIONS"`);
  });

  it("are options this Node accepts, without a warning", async () => {
    const { spawnSync } = await import("node:child_process");
    // From the app's directory, as the servers run.
    const run = spawnSync(process.execPath, ["-e", "process.exit(0)"], { cwd: new URL("../../", import.meta.url), env: { ...process.env, NODE_OPTIONS: SELF_HOSTED_SERVER_NODE_OPTIONS }, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
