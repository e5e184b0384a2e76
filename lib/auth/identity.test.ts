import { describe, expect, it } from "vitest";
import { oidcUserId } from "./identity";

describe("oidcUserId", () => {
  it("is stable, key-safe, and the same person at another issuer is another user", () => {
    const id = oidcUserId("https://id.example.com", "248289761001");
    expect(id).toBe(oidcUserId("https://id.example.com", "248289761001"));
    expect(id).toMatch(/^oidc-[A-Za-z0-9_-]{43}$/);
    expect(oidcUserId("https://other.example.com", "248289761001")).not.toBe(id);
    expect(oidcUserId("https://id.example.com", "248289761002")).not.toBe(id);
  });

  it("cannot be confused by moving characters between issuer and subject", () => {
    expect(oidcUserId("https://a", "bc")).not.toBe(oidcUserId("https://ab", "c"));
    expect(oidcUserId("x#", "y")).not.toBe(oidcUserId("x", "#y"));
  });
});
