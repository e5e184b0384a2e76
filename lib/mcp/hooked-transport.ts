import type { JSONRPCMessage, MCPTransport, MCPTransportCloseOptions, MCPTransportSendOptions } from "@ai-sdk/mcp";
import { CallTracker } from "./call-tracker";
import { isToolListChanged } from "./tool-list-changed";

export type TransportEvents = {
  /** The connection ended (the server exited). */
  onLost: () => void;
  /** The server said its tools changed. */
  onToolsChanged: () => void;
};

/**
 * A transport (stdio) with Parley's call hooks around it: progress and cancellation for calls made
 * under `withCallHooks`, notifications kept from the AI SDK's client (which refuses them), a change
 * of the server's tools told to `onToolsChanged`, and `onLost` told when the connection ends.
 */
export class HookedTransport implements MCPTransport {
  private readonly tracker = new CallTracker();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  constructor(
    private readonly inner: MCPTransport,
    private readonly events: TransportEvents,
  ) {
    inner.onmessage = (message) => {
      if (this.tracker.incoming(message)) return;
      if (isToolListChanged(message)) this.events.onToolsChanged();
      // Logging, list changes, resource updates: nothing the client reads.
      if ("method" in message && !("id" in message)) return;
      this.onmessage?.(message);
    };
    inner.onclose = () => {
      this.tracker.clear();
      this.events.onLost();
      this.onclose?.();
    };
    inner.onerror = (error) => this.onerror?.(error);
  }

  get supportsProtocolVersionDiscovery() {
    return this.inner.supportsProtocolVersionDiscovery;
  }

  get protocolVersion() {
    return this.inner.protocolVersion;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  close(options?: MCPTransportCloseOptions): Promise<void> {
    this.tracker.clear();
    return this.inner.close(options);
  }

  send(message: JSONRPCMessage, options?: MCPTransportSendOptions): Promise<void> {
    const sent = this.tracker.outgoing(message, (notification) => void this.inner.send(notification).catch(() => undefined));
    return options === undefined ? this.inner.send(sent) : this.inner.send(sent, options);
  }
}
