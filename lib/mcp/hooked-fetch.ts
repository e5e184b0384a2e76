import type { JSONRPCMessage } from "@ai-sdk/mcp";
import { EventSourceParserStream } from "@ai-sdk/provider-utils";
import { CallTracker } from "./call-tracker";

type Fetch = typeof globalThis.fetch;

/**
 * The `fetch` of a Streamable HTTP connection, with Parley's call hooks (call-tracker.ts): the AI
 * SDK builds that transport itself, so the hooks sit on its requests. A `tools/call` made under
 * hooks is sent with a progress token; the progress events of its event-stream answer go to
 * `onProgress`; its abort posts `notifications/cancelled` with the same session headers.
 */
export function hookedFetch(baseFetch: Fetch = globalThis.fetch): Fetch {
  const tracker = new CallTracker();
  return async (input, init) => {
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
    if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream")) {
      settle();
      return response;
    }
    const [mine, theirs] = response.body.tee();
    // A stream that ends without the answer (the server went away mid-call) leaves the client waiting.
    void readEvents(mine, tracker).finally(() => id !== undefined && id !== null && tracker.abandon(id));
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function parseMessage(body: string): JSONRPCMessage | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JSONRPCMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** Hands each JSON-RPC message of an event stream to the tracker, until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, tracker: CallTracker): Promise<void> {
  const text = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const events = text.pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await events.read();
      if (done) return;
      const message = parseMessage(value.data);
      if (message) tracker.incoming(message);
    }
  } catch {
    // The client reads the same stream and reports what went wrong with it.
  }
}
