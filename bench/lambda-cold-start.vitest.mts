import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Runs bench/lambda-cold-start.ts on the bundles of lambda/ (built or taken from their cache).
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: { "@": root },
  },
  test: {
    environment: "node",
    include: ["bench/lambda-cold-start.ts"],
    globalSetup: ["lambda/global-setup.ts"],
    fileParallelism: false,
  },
});
