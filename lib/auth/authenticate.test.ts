import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { ParleyError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { authenticate, requireViewer } from "./authenticate";
import { oidcUserId } from "./identity";
import { anonymousOnLambdaProblem, reportAnonymousOnLambda } from "./lambda-guard";
import { sealSession } from "./session";
import { oidcTestEnv, oidcTestSecret } from "@/test/support/oidc-test-env";


const now = Date.UTC(2026, 0, 1, 12);
const alice = { issuer: "https://id.example.com", subject: "alice", email: "alice@example.com", emailVerified: true, name: "Alice" };

async function requestWith(
  identity: typeof alice,
  { maxAgeSeconds = 3_600, cookieSecret = oidcTestSecret, origin = "https://chat.example.com", sealedAt = now } = {},
) {
  const token = await sealSession({ userId: oidcUserId(identity.issuer, identity.subject), identity }, { secret: cookieSecret, maxAgeSeconds, now: sealedAt });
  const { host, protocol } = new URL(origin);
  const name = protocol === "https:" ? "__Host-parley_session" : "parley_session";
  return { headers: new Headers({ host, "x-forwarded-proto": protocol.slice(0, -1), cookie: `other=1; ${name}=${token}` }) };
}

describe("authenticate, AUTH_MODE=none", () => {
  it("is the one local user, without looking at cookies", async () => {
    const state = await authenticate({ headers: new Headers({ host: "localhost:3000" }) }, parseEnv({}), now);
    expect(state).toEqual({ status: "signed-in", viewer: { userId: "local", account: { mode: "local" } } });
  });

  it("is nobody for a request to a name that is not this server's (DNS rebinding): 403 host_not_allowed", async () => {
    const rebound = { headers: new Headers({ host: "evil.example:3000", origin: "http://evil.example:3000" }) };
    expect(await authenticate(rebound, parseEnv({}), now)).toMatchObject({ status: "foreign-host", message: expect.stringContaining("APP_URL") as unknown });
    await expect(requireViewer(rebound, parseEnv({}))).rejects.toMatchObject({ code: "host_not_allowed", status: 403 });
    // With login, a rebound page carries no session cookie of this server: nothing to refuse here.
    expect(await authenticate(rebound, oidcTestEnv(), now)).toMatchObject({ status: "signed-out" });
  });

  it("refuses to serve on AWS Lambda unless ALLOW_ANONYMOUS=true", async () => {
    vi.spyOn(logger, "error").mockImplementationOnce(() => undefined);
    const onLambda = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer" });
    expect(anonymousOnLambdaProblem(onLambda)).toMatch(/AUTH_MODE=none/);
    expect(await authenticate({ headers: new Headers() }, onLambda, now)).toMatchObject({ status: "unavailable" });

    const anonymousOnPurpose = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer", ALLOW_ANONYMOUS: "true" });
    expect(anonymousOnLambdaProblem(anonymousOnPurpose)).toBeUndefined();
    expect(await authenticate({ headers: new Headers() }, anonymousOnPurpose, now)).toMatchObject({ status: "signed-in" });

    // Not on Lambda, or with login: nothing to refuse.
    expect(anonymousOnLambdaProblem(parseEnv({}))).toBeUndefined();
    expect(anonymousOnLambdaProblem(oidcTestEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer" }))).toBeUndefined();
    expect(() => parseEnv({ ALLOW_ANONYMOUS: "yes" })).toThrow(/ALLOW_ANONYMOUS/);
  });

  it("logs the refusal once per process, as one error line saying what to set", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("parley.anonymousOnLambdaReported")];
    try {
      const onLambda = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer" });
      reportAnonymousOnLambda(parseEnv({}));
      reportAnonymousOnLambda(onLambda);
      reportAnonymousOnLambda(onLambda);
      await authenticate({ headers: new Headers() }, onLambda, now);
      expect(error).toHaveBeenCalledTimes(1);
      expect(error.mock.calls[0]?.[0]).toMatch(/AUTH_MODE=oidc.*ALLOW_ANONYMOUS=true/);
    } finally {
      error.mockRestore();
    }
  });
});

describe("authenticate, AUTH_MODE=oidc", () => {
  it("knows the signed-in user by issuer and subject", async () => {
    const state = await authenticate(await requestWith(alice), oidcTestEnv(), now + 1_000);
    expect(state).toMatchObject({
      status: "signed-in",
      viewer: { userId: oidcUserId("https://id.example.com", "alice"), account: { mode: "oidc", email: "alice@example.com", name: "Alice" } },
    });
  });

  it("is signed out without a cookie, with an expired one, a tampered one, or one of another secret", async () => {
    const env = oidcTestEnv();
    expect(await authenticate({ headers: new Headers({ host: "chat.example.com", "x-forwarded-proto": "https" }) }, env, now)).toEqual({
      status: "signed-out",
      reason: "none",
    });
    expect(await authenticate(await requestWith(alice, { maxAgeSeconds: 60 }), env, now + 61_000)).toEqual({ status: "signed-out", reason: "expired" });
    expect(await authenticate(await requestWith(alice, { cookieSecret: "another-secret-that-is-at-least-32-bytes" }), env, now)).toEqual({
      status: "signed-out",
      reason: "invalid",
    });
    const request = await requestWith(alice);
    const tampered = { headers: new Headers(request.headers) };
    // One character in the middle of the ciphertext (the last one of a segment may be padding bits).
    const cookie = request.headers.get("cookie") ?? "";
    const middle = Math.floor(cookie.length * 0.75);
    tampered.headers.set("cookie", `${cookie.slice(0, middle)}${cookie[middle] === "A" ? "B" : "A"}${cookie.slice(middle + 1)}`);
    expect(await authenticate(tampered, env, now)).toEqual({ status: "signed-out", reason: "invalid" });
  });

  it("reads the Secure __Host- cookie on https and the plain one on http://localhost, not the other way round", async () => {
    const env = oidcTestEnv();
    expect((await authenticate(await requestWith(alice, { origin: "http://127.0.0.1:3104" }), env, now)).status).toBe("signed-in");
    const plainOnHttps = await requestWith(alice, { origin: "http://127.0.0.1:3104" });
    plainOnHttps.headers.set("x-forwarded-proto", "https");
    expect((await authenticate(plainOnHttps, env, now)).status).toBe("signed-out");
  });

  it("applies the allowlist on every request: an outsider, an unverified address, and someone removed since", async () => {
    const mallory = { ...alice, subject: "mallory", email: "mallory@elsewhere.test" };
    expect(await authenticate(await requestWith(mallory), oidcTestEnv(), now)).toMatchObject({ status: "denied", identity: { email: "mallory@elsewhere.test" } });
    const unverified = { ...alice, subject: "eve", email: "eve@parley.test", emailVerified: false };
    expect((await authenticate(await requestWith(unverified), oidcTestEnv(), now)).status).toBe("denied");
    expect((await authenticate(await requestWith(alice), oidcTestEnv({ ALLOWED_EMAILS: "" }), now)).status).toBe("denied");
  });
});

describe("requireViewer", () => {
  it("is the viewer, or a 401 `unauthorized` / 503 `not_configured` error for the API's JSON answer", async () => {
    // requireViewer checks expiry against the clock: a session sealed now.
    const signedIn = await requestWith(alice, { sealedAt: Date.now() });
    expect(await requireViewer(signedIn, oidcTestEnv())).toMatchObject({ userId: oidcUserId(alice.issuer, alice.subject) });

    const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
    const anonymous = await rejection(requireViewer({ headers: new Headers({ host: "chat.example.com" }) }, oidcTestEnv()));
    expect(anonymous).toBeInstanceOf(ParleyError);
    expect(anonymous).toMatchObject({ code: "unauthorized", status: 401 });
    const outsider = await rejection(requireViewer(await requestWith({ ...alice, email: "mallory@elsewhere.test" }, { sealedAt: Date.now() }), oidcTestEnv()));
    expect(outsider).toMatchObject({ code: "unauthorized", status: 401 });

    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      const onLambda = await rejection(requireViewer({ headers: new Headers() }, parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley" })));
      expect(onLambda).toMatchObject({ code: "not_configured", status: 503 });
    } finally {
      error.mockRestore();
    }
  });
});
