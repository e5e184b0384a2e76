import { describe, expect, it } from "vitest";
import { toolDefinitions } from "@/tools";
import { toolListJsonSchema, toToolListJson } from "./tool-list-json";

describe("the tool list", () => {
  it("names Parley's tools and each MCP server's, whether their calls ask first, and why those of a server that is down are unavailable", () => {
    const list = toToolListJson({
      definitions: toolDefinitions,
      mcpServers: [
        { name: "everything", transport: "stdio", status: "available", tools: [{ name: "everything__echo", title: "Echo Tool" }] },
        { name: "offline", transport: "http", status: "unavailable", reason: "refused the connection (is it running?)", tools: [{ name: "offline__search" }] },
      ],
    }, { calculate: "always" });
    expect(toolListJsonSchema.parse(list)).toEqual(list);
    expect(list.tools).toEqual([
      { name: "getWeather", status: "available", asksApproval: false },
      { name: "calculate", status: "available", asksApproval: true },
      { name: "getCurrentTime", status: "available", asksApproval: false },
      { name: "everything__echo", title: "Echo Tool", server: "everything", status: "available" },
      { name: "offline__search", server: "offline", status: "unavailable", reason: "refused the connection (is it running?)" },
    ]);
    expect(list.mcpServers).toEqual([
      { name: "everything", transport: "stdio", status: "available" },
      { name: "offline", transport: "http", status: "unavailable", reason: "refused the connection (is it running?)" },
    ]);
  });
});
