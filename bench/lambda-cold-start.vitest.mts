import { nodeTestConfig } from "../vitest-node-config.mts";

// Runs bench/lambda-cold-start.ts on the bundles of lambda/ (built or taken from their cache).
export default nodeTestConfig({
  include: ["bench/lambda-cold-start.ts"],
  globalSetup: ["lambda/global-setup.ts"],
});
