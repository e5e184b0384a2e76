import { describeApiKeyStoreContract } from "@/test/support/api-key-store-contract";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";

describeApiKeyStoreContract("SQLite (temp file)", sqliteStoresHarness);
