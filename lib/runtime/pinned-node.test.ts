import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const packageJson = JSON.parse(read("package.json")) as { engines: { node: string }; devDependencies: Record<string, string> };
const pinned = packageJson.devDependencies.node ?? "";
const pinnedMajor = pinned.split(".")[0];

// The Lambda streaming test proves the bundle on the Node the tests run on, so that Node, the one
// people install from .nvmrc and the Lambda runtime must stay one version.
describe("the project's pinned Node", () => {
  it("is the Node these tests run on", () => {
    expect(process.versions.node).toBe(pinned);
  });

  it("is what .nvmrc and engines say", () => {
    expect(read(".nvmrc").trim()).toBe(pinned);
    expect(packageJson.engines.node).toMatch(new RegExp(`^>=${pinnedMajor}\\.\\d+ <${Number(pinnedMajor) + 1}$`));
  });

  it("is the Lambda function's runtime", () => {
    expect(read("sst.config.ts")).toContain(`runtime: "nodejs${pinnedMajor}.x",`);
  });
});
