import { reportAnonymousOnLambda } from "@/lib/auth/lambda-guard";
import { reportListeningWithoutLogin } from "@/lib/auth/local-mode-guard";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";

// Runs once when the server starts: a misconfigured server fails now, naming the variable,
// rather than at its first chat request.
export function register() {
  const env = getEnv();
  logger.setLogLevel(env.LOG_LEVEL);
  // On AWS Lambda without login: say so once, at start-up, before anyone is refused.
  reportAnonymousOnLambda(env);
  // Without login, listening beyond this machine (HOST): say so once, at start-up.
  reportListeningWithoutLogin(env);
}
