import { EncryptJWT, errors, jwtDecrypt, type JWTPayload } from "jose";

// Cookies the browser keeps but cannot read or change: claims encrypted and authenticated as a JWE
// (direct encryption with A256GCM) under a key derived from AUTH_SECRET. Each purpose derives its
// own key (HKDF-SHA-256), so a login-flow cookie can never pass for a session and vice versa.

type TokenPurpose = "session" | "login-flow";

export type OpenedToken = { ok: true; claims: JWTPayload } | { ok: false; reason: "expired" | "invalid" };

const encoder = new TextEncoder();
const keys = new Map<string, Promise<Uint8Array>>();

/** A 256-bit key for this purpose, derived from the secret once per process. */
function keyFor(secret: string, purpose: TokenPurpose): Promise<Uint8Array> {
  const cacheKey = `${purpose}:${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"]);
      const bits = await crypto.subtle.deriveBits(
        { name: "HKDF", hash: "SHA-256", salt: encoder.encode("parley"), info: encoder.encode(`parley ${purpose} cookie v1`) },
        material,
        256,
      );
      return new Uint8Array(bits);
    })();
    keys.set(cacheKey, key);
  }
  return key;
}

export type SealOptions = { secret: string; purpose: TokenPurpose; maxAgeSeconds: number; now?: number };

/** The claims, encrypted, with `iat` and `exp` (now + maxAgeSeconds). */
export async function sealToken(claims: Record<string, unknown>, { secret, purpose, maxAgeSeconds, now = Date.now() }: SealOptions): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + maxAgeSeconds)
    .encrypt(await keyFor(secret, purpose));
}

export type OpenOptions = { secret: string; purpose: TokenPurpose; now?: number };

/**
 * The claims of a token this server sealed for this purpose and that has not expired. Anything else
 * (changed, truncated, sealed with another key or for another purpose, not a token at all) is
 * "invalid"; "expired" only for a genuine token past its `exp`.
 */
export async function openToken(token: string, { secret, purpose, now = Date.now() }: OpenOptions): Promise<OpenedToken> {
  try {
    const { payload } = await jwtDecrypt(token, await keyFor(secret, purpose), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      requiredClaims: ["iat", "exp"],
      currentDate: new Date(now),
    });
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
