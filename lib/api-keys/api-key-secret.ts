import { createHash, randomBytes } from "node:crypto";

// A personal API key: `parley_` and 32 random bytes in base64url. The secret is shown once, when the
// key is made; the store keeps only its hash and a short prefix the user recognises it by.

const SECRET_PREFIX = "parley_";
const SECRET_BYTES = 32;
/** Characters after `parley_` the list shows: enough to tell one's keys apart, far too few to guess the rest. */
const SHOWN_CHARACTERS = 6;

const SECRET_SHAPE = new RegExp(`^${SECRET_PREFIX}[A-Za-z0-9_-]{${Math.ceil((SECRET_BYTES * 4) / 3)}}$`);

export type GeneratedApiKey = {
  /** What the client sends as `Authorization: Bearer <secret>`: shown once, never stored. */
  secret: string;
  /** `parley_` and the secret's first characters, to recognise the key by in the list. */
  prefix: string;
  hash: string;
};

export function generateApiKey(): GeneratedApiKey {
  const secret = `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, SECRET_PREFIX.length + SHOWN_CHARACTERS), hash: hashApiKey(secret) };
}

/**
 * SHA-256 of the whole secret, in hex: what the store keys a key by. A slow hash (bcrypt, scrypt)
 * protects secrets people choose, which can be guessed; this one is 256 random bits, so no guess
 * gets near it and a fast hash loses nothing, while every API request pays for only one digest.
 */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Whether the text has the shape of a Parley key (checked before any lookup). */
export const isApiKeyShaped = (text: string) => SECRET_SHAPE.test(text);
