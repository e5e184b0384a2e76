import { describe, expect, it } from "vitest";
import { sealLoginFlow, openLoginFlow, type LoginFlow } from "./login-flow";
import { openSession, sealSession } from "./session";
import { sealToken } from "./sealed-token";

const secret = "a-test-secret-that-is-at-least-32-bytes-long";
const otherSecret = "another-secret-that-is-at-least-32-bytes-long";
const identity = { issuer: "https://id.example.com", subject: "alice", email: "alice@example.com", emailVerified: true, name: "Alice" };
const now = Date.UTC(2026, 0, 1, 12);
const hour = 3_600;

/** The same token with one character of segment `index` changed (header, key, iv, ciphertext, tag). */
function tamper(token: string, index: number): string {
  const parts = token.split(".");
  const part = parts[index] ?? "";
  const position = Math.floor(part.length / 2);
  const replacement = part[position] === "A" ? "B" : "A";
  parts[index] = `${part.slice(0, position)}${replacement}${part.slice(position + 1)}`;
  return parts.join(".");
}

describe("session cookie", () => {
  it("round-trips the user id and identity, encrypted: nothing of it is readable in the cookie", async () => {
    const token = await sealSession({ userId: "oidc-abc", identity }, { secret, maxAgeSeconds: hour, now });
    expect(token.split(".")).toHaveLength(5); // compact JWE
    expect(token).not.toContain("alice");
    expect(Buffer.from(token.split(".")[3] ?? "", "base64url").toString("utf8")).not.toContain("alice");
    const opened = await openSession(token, { secret, now: now + 1_000 });
    expect(opened).toEqual({ ok: true, session: { userId: "oidc-abc", identity, expiresAt: Math.floor(now / 1000) + hour } });
  });

  it("rejects a token changed anywhere: header, IV, ciphertext or tag", async () => {
    const token = await sealSession({ userId: "oidc-abc", identity }, { secret, maxAgeSeconds: hour, now });
    for (const index of [0, 2, 3, 4]) {
      expect(await openSession(tamper(token, index), { secret, now })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await openSession(token.slice(0, -2), { secret, now })).toEqual({ ok: false, reason: "invalid" });
    expect(await openSession(`${token}x`, { secret, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects a token sealed with another secret", async () => {
    const token = await sealSession({ userId: "oidc-abc", identity }, { secret: otherSecret, maxAgeSeconds: hour, now });
    expect(await openSession(token, { secret, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires: valid until its max age, expired from then on", async () => {
    const token = await sealSession({ userId: "oidc-abc", identity }, { secret, maxAgeSeconds: hour, now });
    expect((await openSession(token, { secret, now: now + (hour - 1) * 1000 })).ok).toBe(true);
    expect(await openSession(token, { secret, now: now + hour * 1000 })).toEqual({ ok: false, reason: "expired" });
    expect(await openSession(token, { secret, now: now + 30 * 24 * hour * 1000 })).toEqual({ ok: false, reason: "expired" });
  });

  it("does not take a login-flow token, or any other token, for a session", async () => {
    const flow: LoginFlow = {
      state: "state",
      nonce: "nonce",
      codeVerifier: "v".repeat(43),
      redirectUri: "https://chat.example.com/auth/callback",
      returnTo: "/chat/abc",
    };
    const flowToken = await sealLoginFlow(flow, { secret, now });
    expect(await openSession(flowToken, { secret, now })).toEqual({ ok: false, reason: "invalid" });
    expect(await openLoginFlow(flowToken, { secret, now })).toEqual(flow);

    const sessionToken = await sealSession({ userId: "oidc-abc", identity }, { secret, maxAgeSeconds: hour, now });
    expect(await openLoginFlow(sessionToken, { secret, now })).toBeUndefined();
    // A well-sealed token whose claims are not a session.
    const stranger = await sealToken({ uid: 42 }, { secret, purpose: "session", maxAgeSeconds: hour, now });
    expect(await openSession(stranger, { secret, now })).toEqual({ ok: false, reason: "invalid" });
    for (const junk of ["", "x", "a.b.c.d.e", "eyJhbGciOiJub25lIn0.e30."]) {
      expect(await openSession(junk, { secret, now })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("the login flow lives 10 minutes", async () => {
    const flow: LoginFlow = { state: "s", nonce: "n", codeVerifier: "v".repeat(43), redirectUri: "http://127.0.0.1:3000/auth/callback", returnTo: "/" };
    const token = await sealLoginFlow(flow, { secret, now });
    expect(await openLoginFlow(token, { secret, now: now + 599_000 })).toEqual(flow);
    expect(await openLoginFlow(token, { secret, now: now + 600_000 })).toBeUndefined();
    expect(await openLoginFlow(undefined, { secret, now })).toBeUndefined();
  });
});
