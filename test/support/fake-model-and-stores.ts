import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Stores } from "@/lib/store/open-stores";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/test/fixtures/fake-openai/server";

/**
 * For tests of whole turns against a model server: the fake OpenAI server for the file, and fresh
 * in-memory stores for each test. Read them inside tests (they are set by the hooks).
 */
export function withFakeModelAndStores(): { readonly fake: FakeOpenAIServer; readonly stores: Stores } {
  const harness = {} as { fake: FakeOpenAIServer; stores: Stores };
  beforeAll(async () => {
    harness.fake = await startFakeOpenAIServer();
  });
  afterAll(() => harness.fake.close());
  beforeEach(() => {
    harness.stores = openSqliteStores(":memory:");
  });
  afterEach(() => harness.stores.close());
  return harness;
}
