import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/api-keys/api-key-secret";
import { type ApiKeyStore, type NewApiKey, LAST_USED_PRECISION_MS, MAX_API_KEYS_PER_USER } from "@/lib/store/api-key-store";
import { type StoresHarness, freshStores } from "./stores-harness";

// One contract for every ApiKeyStore adapter (personal API keys), run by each adapter's test file.

const alice = "user-alice";
const bob = "user-bob";

/** A key as the routes make it: a fresh id and secret; the secret is returned for the test to use. */
function newKey(name: string, now: number, email?: string): NewApiKey & { secret: string } {
  const { secret, prefix, hash } = generateApiKey();
  return { id: randomUUID(), name, prefix, hash, now, secret, ...(email === undefined ? {} : { email }) };
}

export function describeApiKeyStoreContract(adapterName: string, createHarness: () => StoresHarness) {
  describe(`ApiKeyStore contract: ${adapterName}`, () => {
    const fresh = freshStores(createHarness);
    let keys: ApiKeyStore;
    beforeEach(() => {
      keys = fresh.stores.apiKeys;
    });

    it("lists a user's keys newest first, with name, prefix and dates, never the hash", async () => {
      const first = newKey("Laptop script", 1_000, "alice@example.com");
      const second = newKey("Phone app", 2_000);
      expect(await keys.create(alice, first)).toEqual({ id: first.id, name: "Laptop script", prefix: first.prefix, createdAt: 1_000, lastUsedAt: null });
      await keys.create(alice, second);

      const listed = await keys.list(alice);
      expect(listed).toEqual([
        { id: second.id, name: "Phone app", prefix: second.prefix, createdAt: 2_000, lastUsedAt: null },
        { id: first.id, name: "Laptop script", prefix: first.prefix, createdAt: 1_000, lastUsedAt: null },
      ]);
      expect(JSON.stringify(listed)).not.toContain(first.hash);
      expect(await keys.list(bob)).toEqual([]);
    });

    it("finds a key by its hash, with its owner and the email stored with it", async () => {
      const withEmail = newKey("CI", 1_000, "alice@example.com");
      const withoutEmail = newKey("Local", 1_000);
      await keys.create(alice, withEmail);
      await keys.create(bob, withoutEmail);

      expect(await keys.findByHash(withEmail.hash)).toEqual({ userId: alice, keyId: withEmail.id, email: "alice@example.com" });
      expect(await keys.findByHash(withoutEmail.hash)).toEqual({ userId: bob, keyId: withoutEmail.id });
      expect(await keys.findByHash(newKey("never stored", 1_000).hash)).toBeUndefined();
    });

    it("revokes a key at once: the next lookup misses, the list no longer has it, a second revoke is false", async () => {
      const revoked = newKey("Old", 1_000);
      const kept = newKey("Kept", 2_000);
      await keys.create(alice, revoked);
      await keys.create(alice, kept);

      expect(await keys.revoke(alice, revoked.id)).toBe(true);
      expect(await keys.findByHash(revoked.hash)).toBeUndefined();
      expect((await keys.list(alice)).map((key) => key.id)).toEqual([kept.id]);
      expect(await keys.findByHash(kept.hash)).toMatchObject({ keyId: kept.id });
      expect(await keys.revoke(alice, revoked.id)).toBe(false);
      expect(await keys.revoke(alice, "no-such-key")).toBe(false);
    });

    it("never lets another user revoke, use or touch a key: to them it does not exist", async () => {
      const key = newKey("Alice's", 1_000);
      await keys.create(alice, key);

      expect(await keys.revoke(bob, key.id)).toBe(false);
      await keys.touch(bob, key.id, 5_000);
      expect(await keys.list(bob)).toEqual([]);
      expect(await keys.list(alice)).toEqual([expect.objectContaining({ id: key.id, lastUsedAt: null })]);
      expect(await keys.findByHash(key.hash)).toMatchObject({ userId: alice, keyId: key.id });
    });

    it(`refuses a key beyond ${MAX_API_KEYS_PER_USER} per user with a 409, storing nothing, until one is revoked`, async () => {
      const made = [];
      for (let index = 0; index < MAX_API_KEYS_PER_USER; index += 1) made.push(await keys.create(alice, newKey(`key ${index}`, 1_000 + index)));
      const refused = newKey("one too many", 9_000);

      await expect(keys.create(alice, refused)).rejects.toMatchObject({ code: "too_many_api_keys", status: 409, message: expect.stringContaining("Revoke one") });
      expect(await keys.findByHash(refused.hash)).toBeUndefined();
      expect(await keys.list(alice)).toHaveLength(MAX_API_KEYS_PER_USER);
      // Bob has a limit of his own.
      await keys.create(bob, newKey("Bob's", 1_000));

      expect(await keys.revoke(alice, made[0]?.id ?? "")).toBe(true);
      await keys.create(alice, refused);
      expect(await keys.findByHash(refused.hash)).toMatchObject({ keyId: refused.id });
    });

    it("never lets a burst of concurrent creates past the limit, and each refused key is unusable", async () => {
      const attempts = Array.from({ length: MAX_API_KEYS_PER_USER + 15 }, (_, index) => newKey(`burst ${index}`, 1_000 + index));
      const results = await Promise.allSettled(attempts.map((key) => keys.create(alice, key)));

      const created = attempts.filter((_, index) => results[index]?.status === "fulfilled");
      expect(created).toHaveLength(MAX_API_KEYS_PER_USER);
      for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "too_many_api_keys" });
      expect((await keys.list(alice)).map((key) => key.id).sort()).toEqual(created.map((key) => key.id).sort());
      for (const key of attempts) {
        const found = await keys.findByHash(key.hash);
        expect(found, key.name).toEqual(created.includes(key) ? { userId: alice, keyId: key.id } : undefined);
      }
    });

    it("records the last use, writing it again only once the one stored is a minute old", async () => {
      const key = newKey("Script", 1_000);
      await keys.create(alice, key);
      const lastUsedAt = async () => (await keys.list(alice))[0]?.lastUsedAt;

      await keys.touch(alice, key.id, 10_000);
      expect(await lastUsedAt()).toBe(10_000);
      await keys.touch(alice, key.id, 10_000 + LAST_USED_PRECISION_MS - 1);
      expect(await lastUsedAt()).toBe(10_000);
      await keys.touch(alice, key.id, 10_000 + LAST_USED_PRECISION_MS);
      expect(await lastUsedAt()).toBe(10_000 + LAST_USED_PRECISION_MS);

      // A burst of concurrent uses: one of them is recorded, and nothing fails.
      const later = 10_000 + 3 * LAST_USED_PRECISION_MS;
      await Promise.all(Array.from({ length: 20 }, (_, index) => keys.touch(alice, key.id, later + index)));
      expect(await lastUsedAt()).toBeGreaterThanOrEqual(later);
      expect(await lastUsedAt()).toBeLessThan(later + 20);
    });

    it("leaves a revoked or unknown key alone when it is touched", async () => {
      const key = newKey("Gone", 1_000);
      await keys.create(alice, key);
      await keys.revoke(alice, key.id);

      await keys.touch(alice, key.id, 100_000);
      await keys.touch(alice, "no-such-key", 100_000);
      expect(await keys.list(alice)).toEqual([]);
      expect(await keys.findByHash(key.hash)).toBeUndefined();
    });

    it("keeps keys across a restart", async () => {
      const key = newKey("Durable", 1_000, "alice@example.com");
      await keys.create(alice, key);
      await keys.touch(alice, key.id, 70_000);

      const restarted = (await fresh.restart()).apiKeys;
      expect(await restarted.list(alice)).toEqual([{ id: key.id, name: "Durable", prefix: key.prefix, createdAt: 1_000, lastUsedAt: 70_000 }]);
      expect(await restarted.findByHash(key.hash)).toEqual({ userId: alice, keyId: key.id, email: "alice@example.com" });
    });
  });
}
