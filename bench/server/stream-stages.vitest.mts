import { nodeTestConfig } from "../../vitest-node-config.mts";

// Runs bench/server/stream-stages.ts (per-token CPU of each stage of the chat response pipeline).
export default nodeTestConfig({
  include: ["bench/server/stream-stages.ts"],
  pool: "forks",
});
