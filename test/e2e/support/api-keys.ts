import { sealSession } from "@/lib/auth/session";
import { userIdOf } from "./sign-in";
import { e2eAuthSecret, oidcAccounts, oidcIssuer, type OidcAccountName } from "../servers";

// API keys for the /v1 specs, made through the keys routes as the page makes them.

export type CreatedKey = { id: string; secret: string };

/** A new key on `baseUrl`, as the local user or (with `cookie`) as a signed-in one. */
export async function createApiKey(baseUrl: string, { name = "e2e", cookie }: { name?: string; cookie?: string } = {}): Promise<CreatedKey> {
  const response = await fetch(`${baseUrl}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie && { cookie }) },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`Creating an API key failed (HTTP ${response.status}): ${await response.text()}`);
  const body = (await response.json()) as { key: { id: string }; secret: string };
  return { id: body.key.id, secret: body.secret };
}

export async function revokeApiKey(baseUrl: string, id: string, { cookie }: { cookie?: string } = {}): Promise<number> {
  const response = await fetch(`${baseUrl}/api/keys/${encodeURIComponent(id)}`, { method: "DELETE", headers: cookie ? { cookie } : {} });
  return response.status;
}

/** The `Cookie` header of a session of a test account on the server with login, sealed as the server seals it. */
export async function sessionCookieOf(name: OidcAccountName): Promise<string> {
  const account = oidcAccounts[name];
  const value = await sealSession(
    {
      userId: userIdOf(name),
      identity: { issuer: oidcIssuer, subject: account.accountId, email: account.email, emailVerified: account.emailVerified, name: account.name },
    },
    { secret: e2eAuthSecret, maxAgeSeconds: 3_600, now: Date.now() },
  );
  return `parley_session=${value}`;
}
