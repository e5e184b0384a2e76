import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS } from "./server-node-options";

describe("the self-hosted server's Node options", () => {
  it("are options this Node accepts, without a warning", () => {
    // From the app's directory, as the servers run.
    const run = spawnSync(process.execPath, ["-e", "process.exit(0)"], { cwd: new URL("../../", import.meta.url), env: { ...process.env, NODE_OPTIONS: SELF_HOSTED_SERVER_NODE_OPTIONS }, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
