import { afterAll, describe, expect, it } from "vitest";
import { SELF_HOSTED_SERVER_NODE_OPTIONS } from "@/lib/runtime/server-node-options";
import { standInNext } from "@/test/support/stand-in-next";

// `npm start` runs scripts/start.sh; here with a stand-in `next` that prints what it was started with.
const next = standInNext();
afterAll(() => next.remove());

describe("npm start", () => {
  it("execs `next start` with the self-hosted Node options ahead of the caller's, PORT and the arguments unchanged", () => {
    const run = next.run("scripts/start.sh", ["-p", "4000"], { NODE_OPTIONS: "--trace-warnings", PORT: "4100" });

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Next is the process that was started (so it gets the signals), not a child of a shell.
    expect(run.lines).toEqual([
      String(run.pid),
      `${SELF_HOSTED_SERVER_NODE_OPTIONS} --trace-warnings`,
      "1",
      "4100",
      "127.0.0.1",
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      "4000",
      "",
    ]);
  });

  it("listens on this machine only, unless HOST names a wider interface; an -H of the caller's comes last and wins", () => {
    expect(next.run("scripts/start.sh", []).lines.slice(4, -1)).toEqual(["127.0.0.1", "start", "-H", "127.0.0.1"]);
    expect(next.run("scripts/start.sh", [], { HOST: "0.0.0.0" }).lines.slice(4, -1)).toEqual(["0.0.0.0", "start", "-H", "0.0.0.0"]);
    expect(next.run("scripts/start.sh", [], { HOST: "::1" }).lines.slice(4, -1)).toEqual(["::1", "start", "-H", "::1"]);
    expect(next.run("scripts/start.sh", ["-H", "0.0.0.0"]).lines.slice(5, -1)).toEqual(["start", "-H", "127.0.0.1", "-H", "0.0.0.0"]);
  });

  it("does not start with a HOST that is not a host, and says why", () => {
    const run = next.run("scripts/start.sh", [], { HOST: "0.0.0.0; rm -rf /" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("HOST: must be a host name or IP address");
  });
});
