import { expect, type BrowserContext, type Page } from "@playwright/test";
import { oidcUserId } from "@/lib/auth/identity";
import { sealSession } from "@/lib/auth/session";
import { ProviderLoginPage } from "../pages/provider-login-page";
import { baseUrlOf, e2eAuthSecret, oidcAccounts, oidcIssuer, type OidcAccountName } from "../servers";

export const oidcBaseUrl = baseUrlOf("oidc");

/** The store's user id of a test account (issuer + sub, hashed, as the app computes it). */
export const userIdOf = (name: OidcAccountName) => oidcUserId(oidcIssuer, oidcAccounts[name].accountId);

/**
 * Opens `path` on the server with login, is sent to the provider, signs in there as `name`, and
 * waits to be back on `path` (or wherever `landsOn` says: the "not allowed" page for an outsider).
 */
export async function signIn(page: Page, name: OidcAccountName, { path = "/", landsOn = path }: { path?: string; landsOn?: string } = {}) {
  await page.goto(`${oidcBaseUrl}${path}`);
  await new ProviderLoginPage(page).signIn(oidcAccounts[name]);
  await expect(page).toHaveURL(`${oidcBaseUrl}${landsOn}`);
}

/**
 * A session cookie sealed with the e2e server's AUTH_SECRET, as the server would set it, but with a
 * chosen issue time and lifetime (an expired session without waiting a week).
 */
export async function addSessionCookie(
  context: BrowserContext,
  name: OidcAccountName,
  { issuedAt = Date.now(), maxAgeSeconds = 3_600, secret = e2eAuthSecret }: { issuedAt?: number; maxAgeSeconds?: number; secret?: string } = {},
) {
  const account = oidcAccounts[name];
  const value = await sealSession(
    {
      userId: userIdOf(name),
      identity: { issuer: oidcIssuer, subject: account.accountId, email: account.email, emailVerified: account.emailVerified, name: account.name },
    },
    { secret, maxAgeSeconds, now: issuedAt },
  );
  // The browser keeps it for a day whatever is inside: only the server's own check can refuse it.
  await context.addCookies([{ name: "parley_session", value, url: oidcBaseUrl, httpOnly: true, sameSite: "Lax", expires: Math.floor(Date.now() / 1000) + 86_400 }]);
  return value;
}

/** The session cookie's value in this browser, if any. */
export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(oidcBaseUrl)).find((cookie) => cookie.name === "parley_session")?.value;
}
