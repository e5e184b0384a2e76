import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { foreignHostProblem, reportListeningWithoutLogin } from "./local-mode-guard";

const local = parseEnv({});
afterEach(() => vi.restoreAllMocks());

describe("foreignHostProblem, without login", () => {
  it.each([
    ["localhost:3000", true],
    ["LocalHost:3000", true],
    ["localhost", true],
    ["127.0.0.1:3000", true],
    ["[::1]:3000", true],
    ["127.0.0.1:1234", true],
    ["evil.example:3000", false],
    ["evil.example", false],
    ["localhost.evil.example:3000", false],
    ["127.0.0.1.nip.io:3000", false],
    ["192.168.1.20:3000", false],
    ["[::ffff:7f00:1]:3000", false],
    ["localhost:3000@evil.example", false],
    ["evil.example#@localhost", false],
    ["localhost:99999", false],
    ["", false],
  ])("Host %j is served: %s", (host, served) => {
    expect(foreignHostProblem(host, local) === undefined).toBe(served);
  });

  it("refuses a request without a Host header", () => {
    expect(foreignHostProblem(null, local)).toMatch(/answers only at its own address/);
  });

  it("serves APP_URL's host too (the name others use when it listens wider), with or without its default port", () => {
    const lan = parseEnv({ APP_URL: "http://192.168.1.20:3000" });
    expect(foreignHostProblem("192.168.1.20:3000", lan)).toBeUndefined();
    expect(foreignHostProblem("192.168.1.20:4000", lan)).toMatch(/or 192\.168\.1\.20:3000\. To serve it under another name, set APP_URL/);
    expect(foreignHostProblem("localhost:3000", lan)).toBeUndefined();
    const named = parseEnv({ APP_URL: "https://parley.example.com" });
    expect(foreignHostProblem("parley.example.com", named)).toBeUndefined();
    expect(foreignHostProblem("parley.example.com:443", named)).toBeUndefined();
    expect(foreignHostProblem("parley.example.com:8443", named)).toBeDefined();
  });

  it("does not apply with login, or on AWS Lambda (a public URL on purpose)", () => {
    const withLogin = parseEnv({
      AUTH_MODE: "oidc",
      AUTH_ISSUER: "https://id.example.com",
      AUTH_CLIENT_ID: "parley",
      AUTH_CLIENT_SECRET: "client-secret",
      AUTH_SECRET: "a-test-secret-that-is-at-least-32-bytes-long",
      ALLOWED_DOMAINS: "example.com",
    });
    expect(foreignHostProblem("chat.example.com", withLogin)).toBeUndefined();
    const onLambda = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer", ALLOW_ANONYMOUS: "true" });
    expect(foreignHostProblem("abc.lambda-url.us-east-1.on.aws", onLambda)).toBeUndefined();
  });
});

describe("reportListeningWithoutLogin", () => {
  it("warns when the server listens beyond this machine without login, and only then", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    for (const HOST of [undefined, "127.0.0.1", "localhost", "::1"]) reportListeningWithoutLogin(parseEnv({ HOST }));
    expect(warn).not.toHaveBeenCalled();

    reportListeningWithoutLogin(parseEnv({ HOST: "0.0.0.0" }));
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/^Listening on 0\.0\.0\.0 without login \(AUTH_MODE=none\): anyone who can reach this machine/);
    expect(warn.mock.calls[0]?.[1]).toEqual({ reason: "listening-without-login", host: "0.0.0.0" });
  });
});
