// A server's own view of its memory, through the inspector protocol: start it with
// `nodeFlags: ["--inspect=127.0.0.1:0"]` (test/support/next-server.ts), then `connectInspector`.
// A full garbage collection before each reading leaves what the server still holds, not the
// garbage it has not collected yet.

/** Connects to the inspector the server announced on its stderr (`Debugger listening on ws://…`). */
export async function connectInspector(server) {
  const address = /Debugger listening on (ws:\/\/\S+)/.exec(server.errorOutput())?.[1];
  if (!address) throw new Error("The server announced no inspector: start it with --inspect=127.0.0.1:0.");
  const socket = new WebSocket(address);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`Cannot connect to the inspector at ${address}.`)), { once: true });
  });
  let nextId = 1;
  const waiting = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    const callbacks = waiting.get(message.id);
    if (!callbacks) return;
    waiting.delete(message.id);
    if (message.error) callbacks.reject(new Error(`inspector: ${message.error.message}`));
    else callbacks.resolve(message.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    /** A full garbage collection in the server. */
    collectGarbage: () => call("HeapProfiler.collectGarbage"),
    /** The server's `process.memoryUsage()`: rss, heapUsed, external, arrayBuffers (bytes). */
    memoryUsage: async () => {
      const { result } = await call("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true });
      return JSON.parse(result.value);
    },
    close: () => socket.close(),
  };
}
