import type { JSONRPCMessage } from "@ai-sdk/mcp";

/** The server says its tools changed (`notifications/tools/list_changed`): they are to be listed again. */
export function isToolListChanged(message: JSONRPCMessage): boolean {
  return "method" in message && message.method === "notifications/tools/list_changed" && !("id" in message);
}
