import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./security-headers";

describe("pageContentSecurityPolicy", () => {
  it("allows only nonce-carrying scripts, no framing, no plugins, no foreign forms", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123", development: false, https: true });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("lets forms lead to the login provider, and leaves plain http alone locally", () => {
    const policy = pageContentSecurityPolicy({ nonce: "n", development: true, https: false, extraFormActions: ["https://login.example.com"] });
    expect(policy).toContain("form-action 'self' https://login.example.com");
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
});

describe("createNonce", () => {
  it("is fresh and unpredictable", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
