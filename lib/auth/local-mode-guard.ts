import { isLoopbackHostname, type Env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { isHostHeader } from "./origin";

// Without login (AUTH_MODE=none) whoever reaches the server is its one local user, so it stays on
// this machine. It listens on loopback unless HOST says otherwise (scripts/start.sh, dev.sh), and
// warns when it does not. And it answers only to its own names: a page on another site can reach a
// loopback server through DNS rebinding (its name made to resolve to 127.0.0.1), and the browser
// then sends that name in Host, and in Origin too, so the same-origin check alone lets it through.
// On AWS Lambda (anonymous on purpose, see lambda-guard.ts) the host is the Function URL's or
// CloudFront's, and the deployment is public anyway: neither rule applies there.

type LocalModeEnv = Pick<Env, "auth" | "AWS_LAMBDA_FUNCTION_NAME" | "APP_URL" | "HOST">;

const appliesTo = (env: LocalModeEnv) => env.auth.mode === "none" && env.AWS_LAMBDA_FUNCTION_NAME === undefined;

/** Why this server refuses a request with this `Host` header, or undefined when it serves it. */
export function foreignHostProblem(host: string | null, env: LocalModeEnv): string | undefined {
  if (!appliesTo(env) || isOwnHost(host, env.APP_URL)) return undefined;
  return (
    "This Parley runs without login and answers only at its own address: localhost, 127.0.0.1 or [::1]" +
    `${env.APP_URL ? `, or ${new URL(env.APP_URL).host}` : ""}. To serve it under another name, set APP_URL to that address.`
  );
}

/** A loopback name (any port), or APP_URL's host. */
function isOwnHost(host: string | null, appUrl: string | undefined): boolean {
  if (host === null || !isHostHeader(host)) return false;
  const app = appUrl === undefined ? undefined : new URL(appUrl);
  try {
    // With the app's scheme, so that its default port may be named or left out.
    const requested = new URL(`${app?.protocol ?? "http:"}//${host}`);
    return isLoopbackHostname(requested.hostname) || requested.host === app?.host;
  } catch {
    return false;
  }
}

/** Logs a warning at start-up when the server listens beyond this machine without login. */
export function reportListeningWithoutLogin(env: LocalModeEnv): void {
  const bracketed = env.HOST.includes(":") && !env.HOST.startsWith("[") ? `[${env.HOST}]` : env.HOST;
  if (!appliesTo(env) || isLoopbackHostname(bracketed)) return;
  logger.warn(
    `Listening on ${env.HOST} without login (AUTH_MODE=none): anyone who can reach this machine can read the chats and use the model. ` +
      "Set AUTH_MODE=oidc (see the README, Login), or leave HOST unset to listen on this machine only. " +
      "Requests are answered only for localhost, 127.0.0.1, [::1] and APP_URL's host.",
    { reason: "listening-without-login", host: env.HOST },
  );
}
