import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { describeUsageCountersContract } from "@/test/support/usage-counters-contract";

describeUsageCountersContract("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
