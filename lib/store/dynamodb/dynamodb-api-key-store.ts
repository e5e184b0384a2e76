import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type ApiKeyOwner, type ApiKeyStore, type ApiKeySummary, type NewApiKey, LAST_USED_PRECISION_MS, MAX_API_KEYS_PER_USER, apiKeyLimitReached } from "../api-key-store";
import { type ChatTable, conditionHeld, unlessConditionFails } from "./chat-table";
import { API_KEY_HASH_SORT_KEY, API_KEYS_SORT_KEY, apiKeyHashKey, apiKeysPartitionKey } from "./table-design";

/** One key in its owner's list item (the `keys` map, by key id). */
type ListedKey = { name: string; prefix: string; hash: string; createdAt: number; lastUsedAt?: number };

type HashItem = { PK: string; SK: string; userId: string; keyId: string; email?: string };

/**
 * Personal API keys in the chat table, without transactions (local servers such as dynalite have
 * none): a list item per user and a hash item per key, written in an order that never lets a key
 * work that its owner cannot see and revoke (see "API keys" in README.md beside this file).
 */
export class DynamoApiKeyStore implements ApiKeyStore {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  async create(userId: string, { id, name, prefix, hash, email, now }: NewApiKey): Promise<ApiKeySummary> {
    const listed = await this.#readList(userId);
    if (!listed) await this.#createList(userId);
    else if (Object.keys(listed).length >= MAX_API_KEYS_PER_USER) throw apiKeyLimitReached();

    // The hash item first: until the key is listed nobody holds its secret, so a crash here leaves
    // an item no request can reach. Listed first, a revoke racing the create could miss it.
    const hashItem: HashItem = { PK: apiKeyHashKey(hash), SK: API_KEY_HASH_SORT_KEY, userId, keyId: id, ...(email === undefined ? {} : { email }) };
    await this.#documents.send(new PutCommand({ TableName: this.#tableName, Item: hashItem, ConditionExpression: "attribute_not_exists(PK)" }));

    const key: ListedKey = { name, prefix, hash, createdAt: now };
    // The limit again, in the write itself: of concurrent creates, only as many as fit are listed.
    const isListed = await this.#updateList(userId, id, {
      UpdateExpression: "SET #keys.#id = :key",
      ConditionExpression: "size(#keys) < :limit AND attribute_not_exists(#keys.#id)",
      ExpressionAttributeValues: { ":key": key, ":limit": MAX_API_KEYS_PER_USER },
    });
    if (!isListed) {
      await this.#deleteHashItem(hash);
      throw apiKeyLimitReached();
    }
    return toSummary(id, key);
  }

  async list(userId: string): Promise<ApiKeySummary[]> {
    const listed = (await this.#readList(userId)) ?? {};
    return Object.entries(listed)
      .map(([id, key]) => toSummary(id, key))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  async revoke(userId: string, keyId: string): Promise<boolean> {
    const key = (await this.#readList(userId))?.[keyId];
    if (!key) return false;
    // The hash item first: the key stops working at once. A crash before the list item changes
    // leaves a listed key that no longer works, which a second revoke removes.
    await this.#deleteHashItem(key.hash);
    return this.#updateList(userId, keyId, { UpdateExpression: "REMOVE #keys.#id", ConditionExpression: "attribute_exists(#keys.#id)" });
  }

  async findByHash(hash: string): Promise<ApiKeyOwner | undefined> {
    const { Item } = await this.#documents.send(
      // Strongly consistent: a key revoked a moment ago is not found.
      new GetCommand({ TableName: this.#tableName, Key: { PK: apiKeyHashKey(hash), SK: API_KEY_HASH_SORT_KEY }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { userId, keyId, email } = Item as HashItem;
    return { userId, keyId, ...(email === undefined ? {} : { email }) };
  }

  async touch(userId: string, keyId: string, now: number): Promise<void> {
    // One conditional write, refused (and so free of any change) while the last use is recent.
    await this.#updateList(userId, keyId, {
      UpdateExpression: "SET #keys.#id.lastUsedAt = :now",
      ConditionExpression: "attribute_exists(#keys.#id) AND (attribute_not_exists(#keys.#id.lastUsedAt) OR #keys.#id.lastUsedAt <= :staleBefore)",
      ExpressionAttributeValues: { ":now": now, ":staleBefore": now - LAST_USED_PRECISION_MS },
    });
  }

  #listKey(userId: string) {
    return { PK: apiKeysPartitionKey(userId), SK: API_KEYS_SORT_KEY };
  }

  /** One conditional update of the user's list item, where `#keys.#id` names the key's entry: whether its condition held. */
  #updateList(
    userId: string,
    keyId: string,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ): Promise<boolean> {
    return conditionHeld(
      this.#documents.send(
        new UpdateCommand({ TableName: this.#tableName, Key: this.#listKey(userId), ExpressionAttributeNames: { "#keys": "keys", "#id": keyId }, ...update }),
      ),
    );
  }

  async #readList(userId: string): Promise<Record<string, ListedKey> | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: this.#listKey(userId), ConsistentRead: true }));
    return Item ? ((Item.keys ?? {}) as Record<string, ListedKey>) : undefined;
  }

  /** The user's list item, empty, unless a concurrent create made it first. */
  async #createList(userId: string): Promise<void> {
    await unlessConditionFails(
      this.#documents.send(
        new PutCommand({ TableName: this.#tableName, Item: { ...this.#listKey(userId), keys: {} }, ConditionExpression: "attribute_not_exists(PK)" }),
      ),
      undefined,
    );
  }

  async #deleteHashItem(hash: string): Promise<void> {
    await this.#documents.send(new DeleteCommand({ TableName: this.#tableName, Key: { PK: apiKeyHashKey(hash), SK: API_KEY_HASH_SORT_KEY } }));
  }
}

function toSummary(id: string, key: ListedKey): ApiKeySummary {
  return { id, name: key.name, prefix: key.prefix, createdAt: Number(key.createdAt), lastUsedAt: key.lastUsedAt === undefined ? null : Number(key.lastUsedAt) };
}
