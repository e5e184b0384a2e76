import { describeConversationIndexContract } from "@/test/support/conversation-index-contract";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";

describeConversationIndexContract("SQLite (temp file)", sqliteStoresHarness);
