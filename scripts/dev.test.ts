import { afterAll, describe, expect, it } from "vitest";
import { standInNext } from "@/test/support/stand-in-next";

// `npm run dev` runs scripts/dev.sh; here with a stand-in `next` that prints what it was started with.
const next = standInNext();
afterAll(() => next.remove());

describe("npm run dev", () => {
  it("execs `next dev` on this machine only, unless HOST names a wider interface", () => {
    const run = next.run("scripts/dev.sh", ["--turbopack"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.lines[0]).toBe(String(run.pid));
    expect(run.lines.slice(3, -1)).toEqual(["1", "", "127.0.0.1", "dev", "-H", "127.0.0.1", "--turbopack"]);

    expect(next.run("scripts/dev.sh", [], { HOST: "0.0.0.0" }).lines.slice(5, -1)).toEqual(["0.0.0.0", "dev", "-H", "0.0.0.0"]);
  });
});
