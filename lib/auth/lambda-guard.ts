import type { Env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";

// A Parley without login is one shared user: fine on a laptop, a public chat (and bill) on a
// Function URL. On AWS Lambda it therefore serves no chats unless ALLOW_ANONYMOUS=true says that
// this is on purpose. /api/health stays open for the warmer.

const ANONYMOUS_ON_LAMBDA_MESSAGE =
  "This Parley runs on AWS Lambda without login (AUTH_MODE=none), so it serves no chats. " +
  "Its operator must set AUTH_MODE=oidc (see the README, Login), or ALLOW_ANONYMOUS=true to serve everyone on purpose.";

/** Why this server must refuse chats, or undefined when it may serve them. */
export function anonymousOnLambdaProblem(env: Pick<Env, "auth" | "AWS_LAMBDA_FUNCTION_NAME" | "ALLOW_ANONYMOUS">): string | undefined {
  if (env.auth.mode !== "none" || env.AWS_LAMBDA_FUNCTION_NAME === undefined || env.ALLOW_ANONYMOUS) return undefined;
  return ANONYMOUS_ON_LAMBDA_MESSAGE;
}

// Route handlers, the proxy and instrumentation are separate bundles with separate module state;
// the flag lives on globalThis so the process logs it once.
const REPORTED = Symbol.for("parley.anonymousOnLambdaReported");
type Flagged = { [REPORTED]?: boolean };

/** Logs the refusal once per process (at start-up, from instrumentation, or at the first request). */
export function reportAnonymousOnLambda(env: Pick<Env, "auth" | "AWS_LAMBDA_FUNCTION_NAME" | "ALLOW_ANONYMOUS">): void {
  const problem = anonymousOnLambdaProblem(env);
  const flagged = globalThis as Flagged;
  if (!problem || flagged[REPORTED]) return;
  flagged[REPORTED] = true;
  logger.error(problem, { reason: "anonymous-on-lambda", functionName: env.AWS_LAMBDA_FUNCTION_NAME });
}
