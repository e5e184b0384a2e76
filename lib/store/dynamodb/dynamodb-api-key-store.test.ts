import { describeApiKeyStoreContract } from "@/test/support/api-key-store-contract";
import { dynaliteForTests } from "@/test/support/dynalite-tables";

describeApiKeyStoreContract("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
