import { getEnv } from "@/lib/env";
import type { ChatStore } from "./chat-store";
import { openChatStore } from "./open-chat-store";

let store: Promise<ChatStore> | undefined;

/** The process's store, opened on first use. */
export function getChatStore(): Promise<ChatStore> {
  store ??= openChatStore(getEnv()).catch((error: unknown) => {
    store = undefined; // the next request tries again rather than failing forever
    throw error;
  });
  return store;
}
