import { AsyncLocalStorage } from "node:async_hooks";
import type { JSONRPCMessage } from "@ai-sdk/mcp";

// The AI SDK's MCP client neither asks for progress nor tells a server that a call was given up:
// it drops notifications, and an abort only rejects locally. Parley adds both around the client, on
// the messages it sends and receives (hooked-transport.ts, hooked-fetch.ts): a call made
// inside `withCallHooks` gets a progress token, its progress notifications go to `onProgress`, and
// its abort sends `notifications/cancelled` to the server.

export type McpProgress = { progress: number; total?: number; message?: string };

export type CallHooks = {
  onProgress: (progress: McpProgress) => void;
  /** The answer can no longer come: the stream that was to carry it ended without it (the server went away). */
  onGone: () => void;
  /** The server refused the call's request because it no longer knows the session (it restarted): it never ran the call. */
  onSessionGone: () => void;
  /** Aborted when the call is given up (timeout, Stop): the server is told to cancel it. */
  signal: AbortSignal;
};

/** What the caller of a tool gives: its progress and abort; the connection adds the rest. */
export type CallerHooks = Omit<CallHooks, "onGone" | "onSessionGone">;

const activeHooks = new AsyncLocalStorage<CallHooks>();

/** Runs `call` (a `callTool` of the MCP client) with these hooks for the `tools/call` it sends. */
export function withCallHooks<T>(hooks: CallHooks, call: () => T): T {
  return activeHooks.run(hooks, call);
}

type RequestId = string | number;
type TrackedCall = { id: RequestId; token: string; hooks: CallHooks; cancel: () => void };

let nextToken = 0;

/** The calls of one connection that are waiting for their result. */
export class CallTracker {
  private readonly byId = new Map<RequestId, TrackedCall>();
  private readonly byToken = new Map<string, TrackedCall>();

  /**
   * The message to send in place of `message`: a `tools/call` made under hooks gets a progress
   * token, and its abort sends the cancellation through `sendNotification`.
   */
  outgoing(message: JSONRPCMessage, sendNotification: (notification: JSONRPCMessage) => void): JSONRPCMessage {
    const hooks = activeHooks.getStore();
    if (!hooks || !("method" in message) || message.method !== "tools/call" || !("id" in message)) return message;
    const token = `parley-${++nextToken}`;
    const call: TrackedCall = {
      id: message.id,
      token,
      hooks,
      cancel: () => {
        this.settle(call.id);
        sendNotification({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: call.id, reason: "The call was given up." } });
      },
    };
    this.byId.set(call.id, call);
    this.byToken.set(token, call);
    if (hooks.signal.aborted) call.cancel();
    else hooks.signal.addEventListener("abort", call.cancel, { once: true });
    const params = message.params ?? {};
    const meta = typeof params._meta === "object" && params._meta !== null ? params._meta : {};
    return { ...message, params: { ...params, _meta: { ...meta, progressToken: token } } };
  }

  /** Reads an incoming message; true when it was a progress notification (which is for Parley, not the client). */
  incoming(message: JSONRPCMessage): boolean {
    if ("method" in message && message.method === "notifications/progress") {
      const params = message.params ?? {};
      const call = this.byToken.get(String(params.progressToken));
      if (call && typeof params.progress === "number") {
        call.hooks.onProgress({
          progress: params.progress,
          ...(typeof params.total === "number" && { total: params.total }),
          ...(typeof params.message === "string" && { message: params.message }),
        });
      }
      return true;
    }
    if (!("method" in message) && "id" in message && message.id !== undefined) this.settle(message.id);
    return false;
  }

  /** The answer to call `id` can no longer arrive: its caller hears so at once, instead of at its timeout. */
  abandon(id: RequestId): void {
    const call = this.byId.get(id);
    if (!call) return;
    this.settle(id);
    call.hooks.onGone();
  }

  /** The request of call `id` was refused for its session: the call never ran. Its caller hears so with the error that follows. */
  sessionGone(id: RequestId): void {
    const call = this.byId.get(id);
    if (!call) return;
    this.settle(id);
    call.hooks.onSessionGone();
  }

  /** The connection ended: no call waits any more. */
  clear(): void {
    for (const call of this.byId.values()) call.hooks.signal.removeEventListener("abort", call.cancel);
    this.byId.clear();
    this.byToken.clear();
  }

  private settle(id: RequestId): void {
    const call = this.byId.get(id);
    if (!call) return;
    call.hooks.signal.removeEventListener("abort", call.cancel);
    this.byId.delete(id);
    this.byToken.delete(call.token);
  }
}
