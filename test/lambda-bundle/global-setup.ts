import type { TestProject } from "vitest/node";
import { type Bundles, ensureBundles } from "./bundles";

declare module "vitest" {
  export interface ProvidedContext {
    bundles: Bundles;
  }
}

/** Builds the bundles once for all test files (or finds them in the cache). */
export default async function setup(project: TestProject) {
  project.provide("bundles", await ensureBundles());
}
