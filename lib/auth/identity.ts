import { createHash } from "node:crypto";
import { z } from "zod";

/** Who the provider says signed in. Only a verified email address counts for the allowlist. */
export const identitySchema = z.object({
  /** The provider's Issuer Identifier, as in the ID token's `iss`. */
  issuer: z.string().min(1),
  /** The provider's stable id of the person (`sub`), unique per issuer. */
  subject: z.string().min(1),
  email: z.string().optional(),
  emailVerified: z.boolean(),
  name: z.string().optional(),
});

export type Identity = z.infer<typeof identitySchema>;

/** The one user of a Parley without login (AUTH_MODE=none). */
export const LOCAL_USER_ID = "local";

/**
 * The store's key for a person signed in with OpenID Connect: issuer and `sub` together (the only
 * pair the spec promises is stable and unique; an email address can change hands), hashed into a
 * fixed-length string of letters, digits, "-" and "_" that is safe in any key.
 */
export function oidcUserId(issuer: string, subject: string): string {
  return `oidc-${createHash("sha256").update(JSON.stringify([issuer, subject])).digest("base64url")}`;
}
