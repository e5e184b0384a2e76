import { nodeTestConfig } from "../vitest-node-config.mts";

// `npx vitest run --config lambda/vitest.config.mts`: builds the real OpenNext Lambda bundles
// (cached by their inputs) and runs them under AWS's runtime client. Only lambda/*.lambda-test.ts;
// the root config's `**/*.test.ts` does not match them, so the unit run never builds bundles.
export default nodeTestConfig({
  include: ["lambda/**/*.lambda-test.ts"],
  globalSetup: ["lambda/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
