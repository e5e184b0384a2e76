import type { OpenNextConfig } from "@opennextjs/aws/types/open-next.js";
import config from "../../open-next.config";

// The negative control of the Lambda streaming test: the app's own OpenNext configuration with
// the buffered `aws-lambda` wrapper in place of `aws-lambda-streaming`, nothing else changed.
// When the harness has just built the streaming bundle from the same sources it sets
// PARLEY_REUSE_NEXT_BUILD=1, and OpenNext reuses that `.next` instead of running `next build` again.
const bufferedConfig = {
  ...config,
  default: {
    ...config.default,
    override: { ...config.default.override, wrapper: "aws-lambda" },
  },
  ...(process.env.PARLEY_REUSE_NEXT_BUILD === "1" ? { buildCommand: "true" } : {}),
} satisfies OpenNextConfig;

export default bufferedConfig;
