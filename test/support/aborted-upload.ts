/** A JSON request whose body breaks off after its first bytes, as when the client goes away mid-upload. */
export function abortedUpload(url = "http://localhost/api/chat", headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":"chat-1","message":'));
        // What Node's HTTP server reports when the connection closes before the body has arrived.
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    }),
    duplex: "half",
  } as RequestInit);
}
