import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { describeStreamStateStoreContract } from "@/test/support/stream-state-store-contract";

describeStreamStateStoreContract("SQLite (temp file)", sqliteStoresHarness);
