import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// One Vitest config, five projects; `npm run test:unit` runs "unit", the others have scripts of their own.
// The four beside "unit" time things or build bundles on a 2-core machine: one file at a time.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    environment: "node",
    projects: [
      {
        // `*.test.ts(x)` beside the code they test (the benchmarks' fake model too), and the fixtures' own tests.
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["node_modules/**", ".next/**", ".open-next/**", ".sst/**", "test/lambda-bundle/**", "bench/server/stack-floor/**"],
          testTimeout: 20_000,
          // Worker threads started by tests load the tools' TypeScript as it is (see lib/tools/worker).
          execArgv: ["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON"],
        },
      },
      {
        // The real OpenNext Lambda bundles (built once per change of their inputs) under AWS's runtime client.
        test: {
          name: "lambda-bundle",
          include: ["test/lambda-bundle/**/*.test.ts"],
          globalSetup: ["test/lambda-bundle/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // bench/lambda-cold-start.ts: cold and warm starts of the same bundles.
        test: {
          name: "bench-lambda",
          include: ["bench/lambda-cold-start.ts"],
          globalSetup: ["test/lambda-bundle/global-setup.ts"],
          fileParallelism: false,
        },
      },
      {
        // bench/server/stream-stages.ts: per-token CPU of each stage of the chat response pipeline.
        test: { name: "bench-stream-stages", include: ["bench/server/stream-stages.ts"], fileParallelism: false, pool: "forks" },
      },
      {
        // bench/dynamodb-search.ts: search on DynamoDB by the user's number of chats, against dynalite.
        test: { name: "bench-search", include: ["bench/dynamodb-search.ts"], fileParallelism: false },
      },
    ],
  },
});
