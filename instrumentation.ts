import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";

// Runs once when the server starts: a misconfigured server fails now, naming the variable,
// rather than at its first chat request.
export function register() {
  logger.setLogLevel(getEnv().LOG_LEVEL);
}
