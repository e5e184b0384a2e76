import { cookiePolicy } from "@/lib/auth/cookies";
import type { Security } from "./operation";

// How a client proves who it is: the web app's sign-in cookie for /api, a personal API key for /v1.

const sessionCookie = cookiePolicy(new URL("https://parley.invalid")).sessionName;
const localSessionCookie = cookiePolicy(new URL("http://localhost")).sessionName;

export const securitySchemes = {
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: sessionCookie,
    description:
      `The session cookie the web app's sign-in sets (\`/auth/login\`, OpenID Connect); named \`${localSessionCookie}\` over plain http on localhost. ` +
      "Without login (`AUTH_MODE=none`) every request is the one local user's and no cookie is needed.",
  },
  bearerAuth: { type: "http", scheme: "bearer", description: "A personal API key: `Authorization: Bearer <key>`." },
} as const;

/** An operation's security requirement; an empty list: none. */
export function securityRequirement(security: Security): Record<string, never[]>[] {
  switch (security) {
    case "session":
      return [{ sessionCookie: [] }];
    case "bearer":
      return [{ bearerAuth: [] }];
    case "none":
      return [];
  }
}
