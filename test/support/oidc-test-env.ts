import { parseEnv, type Env } from "@/lib/env";

/** The session secret of `oidcTestEnv`, for tests that seal their own cookies. */
export const oidcTestSecret = "a-test-secret-that-is-at-least-32-bytes-long";

/**
 * A configuration with login (AUTH_MODE=oidc) for unit tests: alice@example.com and the domain
 * parley.test allowed, unless `overrides` says otherwise.
 */
export function oidcTestEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    AUTH_MODE: "oidc",
    AUTH_ISSUER: "https://id.example.com",
    AUTH_CLIENT_ID: "parley",
    AUTH_CLIENT_SECRET: "client-secret",
    AUTH_SECRET: oidcTestSecret,
    ALLOWED_EMAILS: "alice@example.com",
    ALLOWED_DOMAINS: "parley.test",
    ...overrides,
  });
}
