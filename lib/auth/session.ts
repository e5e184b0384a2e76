import { z } from "zod";
import { identitySchema, type Identity } from "./identity";
import { openToken, sealToken } from "./sealed-token";

/** A signed-in browser: the store's user id and who the provider said it is. */
export type Session = {
  userId: string;
  identity: Identity;
  /** The provider's ID token, kept only for RP-initiated logout (`id_token_hint`). */
  idToken?: string;
  /** Epoch seconds. */
  expiresAt: number;
};

const sessionClaimsSchema = z.object({
  uid: z.string().min(1),
  idn: identitySchema,
  idt: z.string().optional(),
  exp: z.number(),
});

export type OpenedSession = { ok: true; session: Session } | { ok: false; reason: "expired" | "invalid" };

export async function sealSession(
  { userId, identity, idToken }: Omit<Session, "expiresAt">,
  { secret, maxAgeSeconds, now }: { secret: string; maxAgeSeconds: number; now?: number },
): Promise<string> {
  return sealToken({ uid: userId, idn: identity, ...(idToken ? { idt: idToken } : {}) }, { secret, purpose: "session", maxAgeSeconds, now });
}

/** The session in a cookie value, checked: sealed by this server with this secret, not expired. */
export async function openSession(token: string, { secret, now }: { secret: string; now?: number }): Promise<OpenedSession> {
  const opened = await openToken(token, { secret, purpose: "session", now });
  if (!opened.ok) return opened;
  const claims = sessionClaimsSchema.safeParse(opened.claims);
  if (!claims.success) return { ok: false, reason: "invalid" };
  const { uid, idn, idt, exp } = claims.data;
  return { ok: true, session: { userId: uid, identity: idn, ...(idt ? { idToken: idt } : {}), expiresAt: exp } };
}
