import { dynaliteForTests } from "@/test/support/dynalite-tables";
import { describeStreamStateStoreContract } from "@/test/support/stream-state-store-contract";

describeStreamStateStoreContract("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
