import { afterEach, beforeEach } from "vitest";
import type { Stores } from "@/lib/store/open-stores";

// What every store contract runs on. Each adapter's test file passes a factory that opens the stores
// on fresh, real storage (a temp SQLite file; a table on a local DynamoDB-compatible server) and can
// reopen the same storage, as a restarted server would.

export type StoresHarness = {
  /** Stores on fresh, empty storage. */
  open(): Promise<Stores>;
  /** Other stores on the same storage as the last `open()`, as after a restart. */
  reopen(): Promise<Stores>;
  dispose?(): Promise<void>;
};

/** Opens fresh stores before each test and closes them (and any reopened since) after it. */
export function freshStores(createHarness: () => StoresHarness) {
  let harness: StoresHarness;
  let current: Stores;
  const opened: Stores[] = [];

  beforeEach(async () => {
    harness = createHarness();
    current = await harness.open();
    opened.push(current);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.close()));
    await harness.dispose?.();
  });

  return {
    /** The stores the test started with (or, after `restart()`, the restarted ones). */
    get stores(): Stores {
      return current;
    },
    /** Closes the stores and opens others on the same storage, as a restarted server would. */
    async restart(): Promise<Stores> {
      await current.close();
      opened.splice(opened.indexOf(current), 1);
      current = await harness.reopen();
      opened.push(current);
      return current;
    },
  };
}
