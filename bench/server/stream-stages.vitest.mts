import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Runs bench/server/stream-stages.ts (per-token CPU of each stage of the chat response pipeline).
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: { "@": root },
  },
  test: {
    environment: "node",
    include: ["bench/server/stream-stages.ts"],
    pool: "forks",
    fileParallelism: false,
  },
});
