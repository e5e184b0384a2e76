"use client";

import { useEffect, useState } from "react";
import type { ToolListJson } from "@/lib/tools/tool-list-json";

export type UnavailableServer = ToolListJson["mcpServers"][number] & { tools: string[] };

/**
 * The MCP servers whose tools are not offered now, and why: read when the chat opens and again
 * after each answer (`settled` turns true), since a server may have gone or come back meanwhile.
 * Nothing is shown when the list cannot be read: the chat works without it.
 */
export function useUnavailableTools(settled: boolean): UnavailableServer[] {
  const [servers, setServers] = useState<UnavailableServer[]>([]);
  useEffect(() => {
    if (!settled) return;
    const request = new AbortController();
    fetch("/api/tools", { headers: { accept: "application/json" }, signal: request.signal })
      .then(async (response) => (response.ok ? ((await response.json()) as ToolListJson) : undefined))
      .then((list) => {
        if (list) setServers(unavailableServersOf(list));
      })
      .catch(() => undefined);
    return () => request.abort();
  }, [settled]);
  return servers;
}

function unavailableServersOf(list: ToolListJson): UnavailableServer[] {
  return list.mcpServers
    .filter((server) => server.status === "unavailable")
    .map((server) => ({ ...server, tools: list.tools.filter((tool) => tool.server === server.name).map((tool) => tool.title ?? tool.name) }));
}
