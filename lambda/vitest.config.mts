import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npx vitest run --config lambda/vitest.config.mts`: builds the real OpenNext Lambda bundles
// (cached by their inputs) and runs them under AWS's runtime client. Only lambda/*.lambda-test.ts;
// the root config's `**/*.test.ts` does not match them, so the unit run never builds bundles.
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: { "@": root },
  },
  test: {
    environment: "node",
    include: ["lambda/**/*.lambda-test.ts"],
    globalSetup: ["lambda/global-setup.ts"],
    // One Lambda at a time: timing structure is judged on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
