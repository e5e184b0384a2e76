import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/api-keys/api-key-secret";
import { parseEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import type { ApiKeyStore } from "@/lib/store/api-key-store";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { oidcTestEnv } from "@/test/support/oidc-test-env";
import { freshStores } from "@/test/support/stores-harness";
import { authenticateApiKey } from "./api-key-auth";
import { LOCAL_USER_ID } from "./identity";

const now = Date.UTC(2026, 0, 1, 12);
const localEnv = parseEnv({});

const withAuthorization = (authorization?: string) => ({
  headers: new Headers({ host: "localhost:3000", ...(authorization === undefined ? {} : { authorization }) }),
});

describe("authenticateApiKey", () => {
  const fresh = freshStores(sqliteStoresHarness);
  let apiKeys: ApiKeyStore;
  beforeEach(() => {
    apiKeys = fresh.stores.apiKeys;
  });
  afterEach(() => vi.restoreAllMocks());

  /** A key stored for `userId`, as the keys route makes it; its secret. */
  async function storedKey(userId: string, email?: string): Promise<{ secret: string; keyId: string }> {
    const { secret, prefix, hash } = generateApiKey();
    const keyId = randomUUID();
    await apiKeys.create(userId, { id: keyId, name: "Test key", prefix, hash, now: now - 1_000, ...(email === undefined ? {} : { email }) });
    return { secret, keyId };
  }

  const lastUsedAt = async (userId: string, keyId: string) => (await apiKeys.list(userId)).find((key) => key.id === keyId)?.lastUsedAt;

  it("takes a key from `Authorization: Bearer`, answers its user and key, and records its use", async () => {
    const { secret, keyId } = await storedKey(LOCAL_USER_ID);

    expect(await authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, localEnv, now)).toEqual({ userId: LOCAL_USER_ID, keyId });
    await vi.waitFor(async () => expect(await lastUsedAt(LOCAL_USER_ID, keyId)).toBe(now));
    // The scheme in any case, with any spacing.
    expect(await authenticateApiKey(withAuthorization(`  bearer   ${secret} `), apiKeys, localEnv, now)).toEqual({ userId: LOCAL_USER_ID, keyId });
  });

  it("says there is no key when the header is missing, empty, or of another scheme", async () => {
    const { secret } = await storedKey(LOCAL_USER_ID);
    for (const authorization of [undefined, "", "Bearer", "Bearer   ", secret, `Basic ${Buffer.from(`user:${secret}`).toString("base64")}`, `Token ${secret}`]) {
      await expect(authenticateApiKey(withAuthorization(authorization), apiKeys, localEnv, now), String(authorization)).rejects.toMatchObject({
        code: "unauthorized",
        status: 401,
        message: expect.stringMatching(/^No API key: send one as `Authorization: Bearer <key>`/),
      });
    }
  });

  it("says the key is not valid when it is malformed, unknown or revoked: a revoked key fails at once", async () => {
    const { secret, keyId } = await storedKey(LOCAL_USER_ID);
    const unknown = generateApiKey().secret;
    for (const credentials of ["abc", "parley_short", `${secret}x`, `${secret} ${secret}`, "sk-proj-0123456789", unknown]) {
      await expect(authenticateApiKey(withAuthorization(`Bearer ${credentials}`), apiKeys, localEnv, now), credentials).rejects.toMatchObject({
        code: "unauthorized",
        message: expect.stringMatching(/^Not a valid API key/),
      });
    }

    await authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, localEnv, now);
    expect(await apiKeys.revoke(LOCAL_USER_ID, keyId)).toBe(true);
    await expect(authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, localEnv, now)).rejects.toMatchObject({ message: expect.stringMatching(/^Not a valid API key/) });
  });

  it("without login, takes only the local user's keys, at any host name (a key is its own credential)", async () => {
    const local = await storedKey(LOCAL_USER_ID);
    const signedInUsers = await storedKey("oidc-someone", "alice@example.com");

    await expect(authenticateApiKey(withAuthorization(`Bearer ${signedInUsers.secret}`), apiKeys, localEnv, now)).rejects.toMatchObject({ code: "unauthorized" });
    const elsewhere = { headers: new Headers({ host: "parley.lan:3000", authorization: `Bearer ${local.secret}` }) };
    expect(await authenticateApiKey(elsewhere, apiKeys, localEnv, now)).toEqual({ userId: LOCAL_USER_ID, keyId: local.keyId });
  });

  it("on AWS Lambda without login serves nobody, not even with a valid key: 503 not_configured", async () => {
    const { secret } = await storedKey(LOCAL_USER_ID);
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const onLambda = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer" });

    await expect(authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, onLambda, now)).rejects.toMatchObject({ code: "not_configured", status: 503 });
    const anonymousOnPurpose = parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "parley-production-WebServer", ALLOW_ANONYMOUS: "true" });
    expect(await authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, anonymousOnPurpose, now)).toMatchObject({ userId: LOCAL_USER_ID });
  });

  it("with login, applies the allowlist to the key's email on every use: removing someone disables their keys at once", async () => {
    const alice = await storedKey("oidc-alice", "alice@example.com");
    const bob = await storedKey("oidc-bob", "bob@parley.test");
    const localKey = await storedKey(LOCAL_USER_ID);
    const request = (secret: string) => withAuthorization(`Bearer ${secret}`);

    expect(await authenticateApiKey(request(alice.secret), apiKeys, oidcTestEnv(), now)).toEqual({ userId: "oidc-alice", keyId: alice.keyId });
    expect(await authenticateApiKey(request(bob.secret), apiKeys, oidcTestEnv(), now)).toEqual({ userId: "oidc-bob", keyId: bob.keyId });

    const aliceRemoved = oidcTestEnv({ ALLOWED_EMAILS: "carol@example.com" });
    await expect(authenticateApiKey(request(alice.secret), apiKeys, aliceRemoved, now)).rejects.toMatchObject({
      code: "unauthorized",
      message: "This API key's account is not allowed to use Parley. Ask the operator for access.",
    });
    await expect(authenticateApiKey(request(bob.secret), apiKeys, oidcTestEnv({ ALLOWED_DOMAINS: "" }), now)).rejects.toMatchObject({ code: "unauthorized" });
    // A key made without login has no email to admit.
    await expect(authenticateApiKey(request(localKey.secret), apiKeys, oidcTestEnv(), now)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("does not wait for the last use to be recorded, and only logs a failure to record it", async () => {
    const { secret, keyId } = await storedKey(LOCAL_USER_ID);
    const warnings = vi.spyOn(logger, "warn").mockImplementation(() => undefined);

    vi.spyOn(apiKeys, "touch").mockReturnValueOnce(new Promise(() => undefined));
    expect(await authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, localEnv, now)).toEqual({ userId: LOCAL_USER_ID, keyId });

    vi.spyOn(apiKeys, "touch").mockRejectedValueOnce(new Error("ProvisionedThroughputExceededException"));
    expect(await authenticateApiKey(withAuthorization(`Bearer ${secret}`), apiKeys, localEnv, now)).toEqual({ userId: LOCAL_USER_ID, keyId });
    await vi.waitFor(() => expect(warnings).toHaveBeenCalledWith("the API key's last use was not recorded", expect.objectContaining({ keyId })));
    expect(await lastUsedAt(LOCAL_USER_ID, keyId)).toBeNull();
  });
});
