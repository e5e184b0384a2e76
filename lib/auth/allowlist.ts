import type { Identity } from "./identity";

export type Allowlist = { emails: readonly string[]; domains: readonly string[] };

/**
 * Whether this person may use Parley: their email address is verified by the provider and is on
 * the list, or its domain is (exactly: `example.com` does not admit `team.example.com`). Entries
 * are lower-case (lib/env.ts); addresses compare case-insensitively.
 */
export function isAllowed(identity: Pick<Identity, "email" | "emailVerified">, allowlist: Allowlist): boolean {
  if (!identity.emailVerified || !identity.email) return false;
  const email = identity.email.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return false;
  return allowlist.emails.includes(email) || allowlist.domains.includes(email.slice(at + 1));
}
