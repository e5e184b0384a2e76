import { getEnv } from "@/lib/env";
import { openStores, type Stores } from "./open-stores";

let stores: Promise<Stores> | undefined;

/** The process's stores, opened on first use. */
export function getStores(): Promise<Stores> {
  stores ??= openStores(getEnv()).catch((error: unknown) => {
    stores = undefined; // the next request tries again rather than failing forever
    throw error;
  });
  return stores;
}
