import type { JSONRPCMessage } from "@ai-sdk/mcp";
import { EventSourceParserStream } from "@ai-sdk/provider-utils";
import { CallTracker } from "./call-tracker";
import { isToolListChanged } from "./tool-list-changed";

type Fetch = typeof globalThis.fetch;

/**
 * The `fetch` of a Streamable HTTP connection, with Parley's call hooks (call-tracker.ts): the AI
 * SDK builds that transport itself, so the hooks sit on its requests. A `tools/call` made under
 * hooks is sent with a progress token; the progress events of its event-stream answer go to
 * `onProgress`; its abort posts `notifications/cancelled` with the same session headers. The
 * event stream the client opens (GET) for the server's own messages is read too: a change of the
 * server's tools goes to `onToolsChanged`.
 */
export function hookedFetch(onToolsChanged: () => void, baseFetch: Fetch = platformFetch()): Fetch {
  const tracker = new CallTracker();
  const incoming = (message: JSONRPCMessage) => {
    if (isToolListChanged(message)) onToolsChanged();
    else tracker.incoming(message);
  };
  return async (input, init) => {
    if (init?.method === "GET") {
      const response = await baseFetch(input, init);
      return response.ok && isEventStream(response) ? readAlongside(response, incoming) : response;
    }
    const message = init?.method === "POST" && typeof init.body === "string" ? parseMessage(init.body) : undefined;
    if (!message) return baseFetch(input, init);
    const postNotification = (notification: JSONRPCMessage) =>
      void baseFetch(input, { method: "POST", headers: init?.headers, body: JSON.stringify(notification) })
        .then((response) => response.body?.cancel())
        .catch(() => undefined);
    const sent = tracker.outgoing(message, postNotification);
    if (sent === message) return baseFetch(input, init);

    const id = "id" in message ? message.id : undefined;
    // A request that failed, or an answer that is not a stream, ends the call either way: the client reads why.
    const settle = () => id !== undefined && id !== null && tracker.incoming({ jsonrpc: "2.0", id, result: {} });
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, body: JSON.stringify(sent) });
    } catch (error) {
      settle();
      throw error;
    }
    // Refused for its session (unknown after a restart: 404 as the spec says, 400 as some servers
    // answer a session id they do not know): the server never ran the call.
    if (id !== undefined && id !== null && (response.status === 404 || (response.status === 400 && new Headers(init?.headers).has("mcp-session-id")))) {
      tracker.sessionGone(id);
      return response;
    }
    if (!isEventStream(response)) {
      settle();
      return response;
    }
    // A stream that ends without the answer (the server went away mid-call) leaves the client waiting.
    return readAlongside(response, incoming, () => id !== undefined && id !== null && tracker.abandon(id));
  };
}

/**
 * Node's own fetch, not the one Next.js patches for the request being served: a connection to an
 * MCP server outlives that request and belongs to no page's cache.
 */
function platformFetch(): Fetch {
  return (globalThis.fetch as Fetch & { _nextOriginalFetch?: Fetch })._nextOriginalFetch ?? globalThis.fetch;
}

type EventStreamResponse = Response & { body: ReadableStream<Uint8Array> };

function isEventStream(response: Response): response is EventStreamResponse {
  return response.body !== null && (response.headers.get("content-type")?.includes("text/event-stream") ?? false);
}

/** The response as the client gets it, its event stream's messages also handed to `onMessage`; `onEnd` once it ends. */
function readAlongside(response: EventStreamResponse, onMessage: (message: JSONRPCMessage) => void, onEnd?: () => void): Response {
  const [mine, theirs] = response.body.tee();
  void readEvents(mine, onMessage).finally(onEnd);
  return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function parseMessage(body: string): JSONRPCMessage | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JSONRPCMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** Hands each JSON-RPC message of an event stream to `onMessage`, until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onMessage: (message: JSONRPCMessage) => void): Promise<void> {
  const text = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const events = text.pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await events.read();
      if (done) return;
      const message = parseMessage(value.data);
      if (message) onMessage(message);
    }
  } catch {
    // The client reads the same stream and reports what went wrong with it.
  }
}
