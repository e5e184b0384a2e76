import { describeConversationIndexContract } from "@/test/support/conversation-index-contract";
import { dynaliteForTests } from "@/test/support/dynalite-tables";

describeConversationIndexContract("DynamoDB (dynalite)", dynaliteForTests().storesHarness);
