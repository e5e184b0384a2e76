import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiKeyJson, CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { authenticateApiKey } from "@/lib/auth/api-key-auth";
import { LOCAL_USER_ID } from "@/lib/auth/identity";
import { MAX_API_KEYS_PER_USER } from "@/lib/store/api-key-store";
import { getStores } from "@/lib/store/get-stores";
import { DELETE as deleteKey, GET as otherMethodOnKey } from "./[id]/route";
import { GET, POST, PUT } from "./route";

// The keys routes as the server runs them (stores from the configuration, here a temp SQLite file,
// no login): what each request gets back, and what is stored.

const origin = "http://localhost:3000";
const sameSite = { host: "localhost:3000", origin, "sec-fetch-site": "same-origin" };
const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

const createRequest = (body: string, headers: Record<string, string> = {}) =>
  new Request(`${origin}/api/keys`, { method: "POST", headers: { ...sameSite, "content-type": "application/json", ...headers }, body });

const create = async (name: string) => (await (await POST(createRequest(JSON.stringify({ name })))).json()) as CreatedApiKeyJson;

const list = async () => ((await (await GET(new Request(`${origin}/api/keys`, { headers: { host: "localhost:3000" } }))).json()) as { keys: ApiKeyJson[] }).keys;

const revoke = (id: string, headers: Record<string, string> = {}) =>
  deleteKey(new Request(`${origin}/api/keys/${id}`, { method: "DELETE", headers: { ...sameSite, ...headers } }), { params: Promise.resolve({ id }) });

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

describe("/api/keys and /api/keys/{id}", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-keys-route-"));

  beforeAll(() => {
    vi.stubEnv("PARLEY_DATA_DIR", dataDir);
    vi.stubEnv("AUTH_MODE", "none");
  });
  beforeEach(async () => {
    // Each test starts without keys.
    const { apiKeys } = await getStores();
    for (const key of await apiKeys.list(LOCAL_USER_ID)) await apiKeys.revoke(LOCAL_USER_ID, key.id);
  });
  afterAll(async () => {
    await (await getStores()).close();
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates a key (201) whose secret is answered once and works as a Bearer key; the list shows its prefix only", async () => {
    const response = await POST(createRequest(JSON.stringify({ name: "  Deploy   script " })));

    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { key, secret } = (await response.json()) as CreatedApiKeyJson;
    expect(secret).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
    expect(key).toEqual({ id: expect.any(String), name: "Deploy script", prefix: secret.slice(0, 13), createdAt: expect.any(String), lastUsedAt: null });

    const listed = await list();
    expect(listed).toEqual([key]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(13));
    const { apiKeys } = await getStores();
    expect(await authenticateApiKey({ headers: new Headers({ authorization: `Bearer ${secret}` }) }, apiKeys)).toEqual({ userId: LOCAL_USER_ID, keyId: key.id });
    await vi.waitFor(async () => expect((await list())[0]?.lastUsedAt).toEqual(expect.any(String)));
  });

  it("lists keys newest first", async () => {
    // Two keys made in one millisecond would have no order: the clock moves between them.
    vi.useFakeTimers({ toFake: ["Date"], now: 1_800_000_000_000 });
    try {
      const first = await create("First");
      vi.setSystemTime(1_800_000_001_000);
      const second = await create("Second");
      expect((await list()).map((key) => key.id)).toEqual([second.key.id, first.key.id]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers a bad body with 400 (415 for another content type) saying what is wrong, and stores nothing", async () => {
    const cases = [
      [JSON.stringify({ name: "" }), "invalid_request", "Give the key a name, e.g. where it is used."],
      [JSON.stringify({ name: " \n\t " }), "invalid_request", "Give the key a name, e.g. where it is used."],
      [JSON.stringify({ name: "x".repeat(61) }), "invalid_request", "A key's name has at most 60 characters."],
      [JSON.stringify({ name: 42 }), "invalid_request", "Send { name }: what the key is for."],
      [JSON.stringify({}), "invalid_request", "Send { name }: what the key is for."],
      [JSON.stringify(["name"]), "invalid_request", expect.any(String)],
      ["null", "invalid_request", expect.any(String)],
      ["{", "invalid_json", "The request body is not valid JSON."],
      ["", "invalid_json", "The request body is empty."],
    ] as const;
    for (const [body, code, message] of cases) {
      expect(await errorOf(await POST(createRequest(body))), body).toEqual({ status: 400, code, message });
    }
    expect(await errorOf(await POST(createRequest(JSON.stringify({ name: "ok" }), { "content-type": "text/plain" })))).toMatchObject({ status: 415 });
    expect(await list()).toEqual([]);
    // 60 characters, once trimmed, is fine.
    expect((await POST(createRequest(JSON.stringify({ name: ` ${"x".repeat(60)} ` })))).status).toBe(201);
  });

  it(`refuses a key beyond ${MAX_API_KEYS_PER_USER} with 409 saying to revoke one`, async () => {
    for (let index = 0; index < MAX_API_KEYS_PER_USER; index += 1) await create(`key ${index}`);
    expect(await errorOf(await POST(createRequest(JSON.stringify({ name: "one more" }))))).toMatchObject({
      status: 409,
      code: "too_many_api_keys",
      message: expect.stringContaining("Revoke one you no longer use"),
    });
    expect(await list()).toHaveLength(MAX_API_KEYS_PER_USER);
  });

  it("revokes a key (204): it no longer works and is no longer listed; again, or an unknown or malformed id, is a 404", async () => {
    const { key, secret } = await create("Short-lived");
    const kept = await create("Kept");

    expect((await revoke(key.id)).status).toBe(204);
    expect((await list()).map(({ id }) => id)).toEqual([kept.key.id]);
    const { apiKeys } = await getStores();
    await expect(authenticateApiKey({ headers: new Headers({ authorization: `Bearer ${secret}` }) }, apiKeys)).rejects.toMatchObject({ code: "unauthorized" });

    for (const id of [key.id, crypto.randomUUID(), "not-a-uuid", "../etc", "x".repeat(500)]) {
      expect(await errorOf(await revoke(id)), id).toEqual({ status: 404, code: "not_found", message: "There is no such API key." });
    }
  });

  it("refuses a create or revoke from another site (403) before anything else", async () => {
    const { key } = await create("Mine");
    expect(await errorOf(await POST(createRequest(JSON.stringify({ name: "Theirs" }), crossSite)))).toMatchObject({ status: 403, code: "cross_site_request" });
    expect(await errorOf(await revoke(key.id, crossSite))).toMatchObject({ status: 403, code: "cross_site_request" });
    expect((await list()).map(({ name }) => name)).toEqual(["Mine"]);
  });

  it("answers other methods with 405 naming the ones served", () => {
    expect(PUT().headers.get("allow")).toBe("GET, POST");
    const response = otherMethodOnKey();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("DELETE");
  });
});
