import { ParleyError } from "@/lib/errors";

/** The most API keys one user may hold at once. */
export const MAX_API_KEYS_PER_USER = 25;

/**
 * How old a key's `lastUsedAt` must be before `touch` writes it again: a burst of requests with one
 * key is one write, and "last used" is still right to the minute.
 */
export const LAST_USED_PRECISION_MS = 60_000;

/** A key as its owner sees it in the list: never its hash. Times are epoch milliseconds. */
export type ApiKeySummary = {
  id: string;
  name: string;
  /** `parley_` and the secret's first characters. */
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
};

export type NewApiKey = {
  id: string;
  name: string;
  prefix: string;
  /** SHA-256 of the secret (lib/api-keys/api-key-secret.ts); the secret itself is never stored. */
  hash: string;
  /** The owner's email address when signed in with OIDC: the allowlist is applied to it on every use. */
  email?: string;
  now: number;
};

/** Whose key a hash is: what authenticating a request needs, without reading the owner's list. */
export type ApiKeyOwner = { userId: string; keyId: string; email?: string };

/** What `ApiKeyStore.create` throws when the user holds `MAX_API_KEYS_PER_USER` keys already. */
export const apiKeyLimitReached = () =>
  new ParleyError(
    "too_many_api_keys",
    `You have ${MAX_API_KEYS_PER_USER} API keys, the most an account may have. Revoke one you no longer use, then create another.`,
  );

/**
 * Personal API keys: each user's list, and the lookup by hash that authenticates a request. Every
 * method but `findByHash` takes the owner's user id and touches only that user's keys: another
 * user's key is indistinguishable from one that does not exist. A revoked key is gone at once: the
 * next `findByHash` misses. Two adapters (SQLite, DynamoDB) pass one contract suite
 * (`test/support/api-key-store-contract.ts`).
 */
export interface ApiKeyStore {
  /** Stores the key; throws `apiKeyLimitReached()` (and stores nothing) when the user has the most keys already, also under concurrent creates. */
  create(userId: string, key: NewApiKey): Promise<ApiKeySummary>;

  /** The user's keys, newest first. */
  list(userId: string): Promise<ApiKeySummary[]>;

  /** Deletes the key; false when the user has no key with this id (none, or another user's). */
  revoke(userId: string, keyId: string): Promise<boolean>;

  /** The key with this hash; undefined for a hash no key has (never made, or revoked). */
  findByHash(hash: string): Promise<ApiKeyOwner | undefined>;

  /**
   * Records that the key was used at `now`, unless its `lastUsedAt` is less than
   * `LAST_USED_PRECISION_MS` older (then nothing is written). A key since revoked is left alone.
   */
  touch(userId: string, keyId: string, now: number): Promise<void>;
}
