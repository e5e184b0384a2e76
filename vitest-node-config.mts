import { fileURLToPath } from "node:url";
import { defineConfig, type TestUserConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The Vitest runs beside the unit tests (the Lambda bundles, the Lambda and stream-stage
 * benchmarks): from the app's root with its `@` alias, in Node, one file at a time (they time
 * things on a 2-core machine). `test` says what each one runs.
 */
export function nodeTestConfig(test: TestUserConfig) {
  return defineConfig({
    root,
    resolve: { alias: { "@": root } },
    test: { environment: "node", fileParallelism: false, ...test },
  });
}
