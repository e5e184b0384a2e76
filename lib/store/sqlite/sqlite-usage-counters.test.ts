import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";
import { describeUsageCountersContract } from "@/test/support/usage-counters-contract";

describeUsageCountersContract("SQLite (temp file)", sqliteStoresHarness);
