import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStores } from "@/lib/store/sqlite/open-sqlite-stores";
import type { StoresHarness } from "./stores-harness";

/** Stores on a temp SQLite file, in a folder that does not exist yet; the folder goes after the test. */
export function sqliteStoresHarness(): StoresHarness {
  const directory = mkdtempSync(join(tmpdir(), "parley-sqlite-"));
  const file = join(directory, "nested", "parley.sqlite");
  return {
    open: async () => openSqliteStores(file),
    reopen: async () => openSqliteStores(file),
    dispose: async () => rmSync(directory, { recursive: true, force: true }),
  };
}
