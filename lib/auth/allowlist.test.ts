import { describe, expect, it } from "vitest";
import { isAllowed } from "./allowlist";

const allowlist = { emails: ["alice@example.com"], domains: ["parley.test"] };
const verified = (email: string) => ({ email, emailVerified: true });

describe("isAllowed", () => {
  it("admits a listed address and any address of a listed domain, ignoring case", () => {
    expect(isAllowed(verified("alice@example.com"), allowlist)).toBe(true);
    expect(isAllowed(verified("Alice@Example.COM"), allowlist)).toBe(true);
    expect(isAllowed(verified("bob@parley.test"), allowlist)).toBe(true);
    expect(isAllowed(verified("BOB@PARLEY.TEST"), allowlist)).toBe(true);
  });

  it("refuses other addresses, sub- and look-alike domains", () => {
    for (const email of ["mallory@example.com", "alice@example.org", "bob@team.parley.test", "bob@parley.test.evil.com", "bob@notparley.test"]) {
      expect(isAllowed(verified(email), allowlist), email).toBe(false);
    }
  });

  it("counts only verified addresses", () => {
    expect(isAllowed({ email: "alice@example.com", emailVerified: false }, allowlist)).toBe(false);
    expect(isAllowed({ email: "bob@parley.test", emailVerified: false }, allowlist)).toBe(false);
  });

  it("refuses no address, a malformed one, and everyone when the lists are empty", () => {
    expect(isAllowed({ emailVerified: true }, allowlist)).toBe(false);
    for (const email of ["", "@parley.test", "bob@", "parley.test"]) expect(isAllowed(verified(email), allowlist), email).toBe(false);
    expect(isAllowed(verified("alice@example.com"), { emails: [], domains: [] })).toBe(false);
  });
});
