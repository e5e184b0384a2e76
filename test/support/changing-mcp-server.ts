import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

// An MCP server whose tool list changes while a client is connected, made with the MCP project's
// own SDK: its `add-tool` registers a new tool, and the SDK then sends
// `notifications/tools/list_changed` itself. `hold` answers only once `release` is called, so a
// test can keep a call in flight across the change; `break-listing` says the tools changed and
// then refuses to list them. Over Streamable HTTP, a call of `crash` is answered with a JSON-RPC
// server error (-32000) on its live session, as a server answers whose tool failed in the server's
// own code (the SDK would wrap the tool's error as a result): the test counts those calls. Served
// over Streamable HTTP in the test's own process, or over stdio when Node runs this file (type
// stripping: no path aliases here).

function changingServer(): McpServer {
  const server = new McpServer({ name: "changing", version: "1.0.0" });
  const released = Promise.withResolvers<void>();
  server.registerTool("add-tool", { description: "Adds a tool of the given name.", inputSchema: { name: z.string() } }, ({ name }) => {
    server.registerTool(name, { description: `The tool ${name}, added while connected.` }, () => ({ content: [{ type: "text", text: `${name} answers` }] }));
    return { content: [{ type: "text", text: `added ${name}` }] };
  });
  server.registerTool("hold", { description: "Answers once release is called." }, async () => {
    await released.promise;
    return { content: [{ type: "text", text: "released" }] };
  });
  server.registerTool("release", { description: "Lets hold answer." }, () => {
    released.resolve();
    return { content: [{ type: "text", text: "done" }] };
  });
  server.registerTool("crash", { description: "Fails in the server (over HTTP: a JSON-RPC server error)." }, () => {
    throw new Error("crashed");
  });
  server.registerTool("break-listing", { description: "Says the tools changed, then fails every listing." }, () => {
    server.server.setRequestHandler(ListToolsRequestSchema, () => {
      throw new Error("the tool list is broken");
    });
    server.sendToolListChanged();
    return { content: [{ type: "text", text: "broken" }] };
  });
  return server;
}

export type ChangingHttpServer = {
  url: string;
  /** How many calls of `crash` the server received. */
  crashes: () => number;
  close: () => Promise<void>;
};

/** Serves the server over Streamable HTTP (a session each, as the SDK's examples do) on a free port. */
export async function startChangingHttp(): Promise<ChangingHttpServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let crashes = 0;
  const http = createServer(async (request, response) => {
    const body = request.method === "POST" ? JSON.parse(await readBody(request)) : undefined;
    const sessionId = request.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (!transport && sessionId === undefined && isInitializeRequest(body)) {
      const created = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => void sessions.set(id, created) });
      await changingServer().connect(created);
      transport = created;
    }
    if (!transport) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found" }, id: null }));
      return;
    }
    if (body?.method === "tools/call" && body.params?.name === "crash") {
      crashes++;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: body.id, error: { code: -32000, message: "The tool crashed in the server." } }));
      return;
    }
    await transport.handleRequest(request, response, body);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    crashes: () => crashes,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** What a stdio entry of MCP_SERVERS runs to start this server. */
export function changingStdioCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: ["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", fileURLToPath(import.meta.url)] };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text;
}

if (import.meta.main) void changingServer().connect(new StdioServerTransport());
