import { describeChatStoreContract } from "@/test/support/chat-store-contract";
import { sqliteStoresHarness } from "@/test/support/sqlite-stores-harness";

describeChatStoreContract("SQLite (temp file)", sqliteStoresHarness);
