import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { ApiKeyJson, CreatedApiKeyJson } from "@/lib/api-keys/api-key-json";
import { authenticateApiKey } from "@/lib/auth/api-key-auth";
import { LOCAL_USER_ID } from "@/lib/auth/identity";
import { parseEnv } from "@/lib/env";
import { openStores } from "@/lib/store/open-stores";
import { ApiKeysPage } from "./pages/api-keys-page";
import { Sidebar } from "./pages/sidebar";
import { appServers, baseUrlOf } from "./servers";
import { oidcBaseUrl, signIn, userIdOf } from "./support/sign-in";

// Personal API keys on the keys page: made from a name, the secret shown once, listed by its prefix,
// revoked after a confirmation; and only ever the signed-in user's. The /v1 routes that take keys
// come later: whether a secret works is asked of `authenticateApiKey` on the server's own storage and
// configuration, as those routes will ask it.

const demoUrl = baseUrlOf("demo");

/** A name no other test uses (they share the demo server's one local user). */
const uniqueName = (name: string) => `${name} ${crypto.randomUUID().slice(0, 8)}`;

/** Who the server would say a request with this secret is, using its own stores (SQLite) and configuration. */
async function authenticateOn(server: "demo" | "oidc", secret: string) {
  const { env, dataDir } = appServers[server];
  const serverEnv = parseEnv({ ...env, PARLEY_DATA_DIR: dataDir });
  const stores = await openStores(serverEnv);
  try {
    return await authenticateApiKey({ headers: new Headers({ authorization: `Bearer ${secret}` }) }, stores.apiKeys, serverEnv);
  } finally {
    // SQLite writes synchronously: the last use, which the request does not wait for, is written already.
    await stores.close();
  }
}

async function listKeys(request: APIRequestContext, origin: string): Promise<ApiKeyJson[]> {
  const response = await request.get(`${origin}/api/keys`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { keys: ApiKeyJson[] }).keys;
}

async function keyIdOf(request: APIRequestContext, origin: string, name: string): Promise<string> {
  const key = (await listKeys(request, origin)).find((each) => each.name === name);
  expect(key, name).toBeDefined();
  return key?.id ?? "";
}

test.describe("API keys without login (the local user)", () => {
  test("a key made on the page shows its secret once, works, is listed by its prefix, and stops working once revoked", async ({ page, context, request }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demoUrl });
    const keys = new ApiKeysPage(page);
    await page.goto("/");
    await keys.sidebarLink.click();
    await expect(page).toHaveURL(`${demoUrl}/keys`);
    await keys.waitForList();
    await expect(keys.sidebarLink).toHaveAttribute("aria-current", "page");

    const name = uniqueName("Deploy script");
    const secret = await keys.create(name);
    await expect(keys.newKey).toContainText("it will not be shown again");
    await expect(keys.copyButton).toBeFocused();
    await keys.copyButton.click();
    await expect(keys.copyStatus).toHaveText("Copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const entry = keys.keyNamed(name);
    await expect(entry.getByTestId("api-key-prefix")).toHaveText(secret.slice(0, "parley_".length + 6));
    await expect(entry.getByTestId("api-key-last-used")).toHaveText("Last used Never");

    // The API lists it by its prefix, never with its secret; and it is a working key of the local user.
    const listed = await listKeys(request, demoUrl);
    const keyId = await keyIdOf(request, demoUrl, name);
    expect(listed.find(({ id }) => id === keyId)).toMatchObject({ prefix: secret.slice(0, 13), lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(13));
    expect(await authenticateOn("demo", secret)).toEqual({ userId: LOCAL_USER_ID, keyId });

    // Once the page is left, the secret is gone for good; the list shows the key and its last use.
    await page.reload();
    await keys.waitForList();
    await expect(keys.key(keyId).getByTestId("api-key-prefix")).toHaveText(secret.slice(0, 13));
    await expect(keys.key(keyId).getByTestId("api-key-last-used")).not.toHaveText("Last used Never");
    await expect(keys.newKey).toHaveCount(0);
    expect(await page.content()).not.toContain(secret.slice(13));

    await keys.revoke(name);
    expect((await listKeys(request, demoUrl)).map(({ id }) => id)).not.toContain(keyId);
    await expect(authenticateOn("demo", secret)).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/^Not a valid API key/) });
    await page.reload();
    await keys.waitForList();
    await expect(keys.key(keyId)).toHaveCount(0);
  });

  test("by keyboard alone: create with Enter, Copy focused, Revoke asks with Cancel focused, Escape keeps the key", async ({ page }) => {
    const keys = new ApiKeysPage(page);
    await keys.open();
    const name = uniqueName("Keyboard");
    await keys.nameInput.focus();
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(keys.newKey).toContainText(name);
    await expect(keys.copyButton).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(keys.doneButton).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(keys.newKey).toHaveCount(0);

    const revokeButton = keys.keyNamed(name).getByTestId("revoke-api-key");
    await expect(revokeButton).toHaveAccessibleName(`Revoke “${name}”`);
    await revokeButton.focus();
    await page.keyboard.press("Enter");
    await expect(keys.cancelRevoke).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(keys.revokeDialog).toHaveCount(0);
    await expect(revokeButton).toBeFocused();
    await expect(keys.keyNamed(name)).toHaveCount(1);

    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(keys.confirmRevoke).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(keys.keyNamed(name)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Your keys" })).toBeFocused();
  });

  test("says what went wrong: an empty name, the server out of reach (the name is kept), a list that could not load", async ({ page }) => {
    const keys = new ApiKeysPage(page);
    await keys.open();
    await keys.createButton.click();
    await expect(keys.createError).toHaveText("Give the key a name, e.g. where it is used.");
    await expect(keys.nameInput).toHaveAttribute("aria-invalid", "true");

    const name = uniqueName("Offline");
    await page.route("**/api/keys", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback()));
    await keys.nameInput.fill(name);
    await expect(keys.createError).toBeEmpty();
    await keys.createButton.click();
    await expect(keys.createError).toHaveText("The server could not be reached. Check your connection and try again.");
    await expect(keys.nameInput).toHaveValue(name);
    await expect(keys.newKey).toHaveCount(0);
    await page.unroute("**/api/keys");

    await page.route("**/api/keys", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } }) }));
    await page.reload();
    await expect(keys.listError).toContainText("Something went wrong on our side. Please try again.");
    await page.unroute("**/api/keys");
    await keys.listError.getByRole("button", { name: "Try again" }).click();
    await expect(keys.listError).toHaveCount(0);
    await expect(page.getByTestId("api-key-list").or(keys.noKeys)).toBeVisible();
    await expect(keys.keyNamed(name)).toHaveCount(0);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });

    test("the drawer's API keys link opens the page, and a new key fits the screen", async ({ page }) => {
      const keys = new ApiKeysPage(page);
      const sidebar = new Sidebar(page);
      await page.goto("/");
      await sidebar.openButton.click();
      await keys.sidebarLink.click();
      await expect(page).toHaveURL(`${demoUrl}/keys`);
      await expect(sidebar.root).toBeHidden();
      await keys.waitForList();
      // The name field keeps its height in the narrow column (above Create key, not beside it).
      expect((await keys.nameInput.boundingBox())?.height).toBeGreaterThanOrEqual(40);

      const name = uniqueName("Phone app");
      await keys.create(name);
      await expect(keys.newKeySecret).toBeInViewport();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await keys.revoke(name);
    });
  });

  test("on DynamoDB too: made, listed, revoked through the API", async ({ request }) => {
    const origin = baseUrlOf("demoOnDynamoDB");
    const name = uniqueName("Dynamo");
    const created = await request.post(`${origin}/api/keys`, { data: { name } });
    expect(created.status()).toBe(201);
    const { key, secret } = (await created.json()) as CreatedApiKeyJson;
    expect(key.prefix).toBe(secret.slice(0, 13));
    expect((await listKeys(request, origin)).find(({ id }) => id === key.id)).toEqual(key);

    expect((await request.delete(`${origin}/api/keys/${key.id}`)).status()).toBe(204);
    expect((await request.delete(`${origin}/api/keys/${key.id}`)).status()).toBe(404);
    expect((await listKeys(request, origin)).map(({ id }) => id)).not.toContain(key.id);
  });
});

test.describe("API keys with login", () => {
  async function signedInPage(browser: Browser, name: "alice" | "bob"): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, name);
    return page;
  }

  test("Alice's keys are hers: Bob never lists, sees or revokes them, and her key is her own credential", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const aliceKeys = new ApiKeysPage(alice);
    await aliceKeys.sidebarLink.click();
    await expect(alice).toHaveURL(`${oidcBaseUrl}/keys`);
    await aliceKeys.waitForList();
    const name = uniqueName("Alice's script");
    const secret = await aliceKeys.create(name);
    const keyId = await keyIdOf(alice.request, oidcBaseUrl, name);
    expect(await authenticateOn("oidc", secret)).toEqual({ userId: userIdOf("alice"), keyId });

    // To Bob the key does not exist: not in his list or on his page, and revoking it is a 404.
    expect((await listKeys(bob.request, oidcBaseUrl)).map(({ id }) => id)).not.toContain(keyId);
    for (const id of [keyId, keyId.toUpperCase(), crypto.randomUUID()]) {
      const response = await bob.request.delete(`${oidcBaseUrl}/api/keys/${id}`);
      expect(response.status(), id).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const bobKeys = new ApiKeysPage(bob);
    await bobKeys.open(oidcBaseUrl);
    await expect(bobKeys.keyNamed(name)).toHaveCount(0);
    await expect(bob.getByText(secret.slice(0, 13))).toHaveCount(0);

    // Alice's key is untouched, and still works; once she revokes it, it does not.
    await aliceKeys.page.reload();
    await aliceKeys.waitForList();
    await expect(aliceKeys.key(keyId)).toHaveCount(1);
    expect(await authenticateOn("oidc", secret)).toEqual({ userId: userIdOf("alice"), keyId });
    await aliceKeys.revoke(name);
    await expect(authenticateOn("oidc", secret)).rejects.toMatchObject({ code: "unauthorized" });
  });
});
