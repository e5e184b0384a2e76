import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, isApiKeyShaped } from "./api-key-secret";

describe("generateApiKey", () => {
  it("makes a parley_ secret of 32 random bytes, its display prefix and its SHA-256", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.secret.slice("parley_".length), "base64url")).toHaveLength(32);
    expect(key.prefix).toBe(key.secret.slice(0, "parley_".length + 6));
    expect(key.hash).toBe(createHash("sha256").update(key.secret).digest("hex"));
    expect(key.hash).toBe(hashApiKey(key.secret));
  });

  it("never makes the same secret twice", () => {
    const secrets = new Set(Array.from({ length: 1_000 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(1_000);
  });
});

describe("isApiKeyShaped", () => {
  it("takes a generated key and nothing else", () => {
    const { secret } = generateApiKey();
    expect(isApiKeyShaped(secret)).toBe(true);
    for (const text of ["", "parley_", secret.slice(0, -1), `${secret}x`, `sk-${secret.slice(7)}`, secret.replace("parley_", "PARLEY_"), `${secret.slice(0, -1)}=`, ` ${secret}`]) {
      expect(isApiKeyShaped(text), text).toBe(false);
    }
  });
});
