import { describe, expect, it } from "vitest";
import { mcpSecretVariables, resolveMcpServers } from "./mcp-config";

const resolve = (entries: unknown, variables: Record<string, string | undefined> = {}) => resolveMcpServers(JSON.stringify(entries), variables);

describe("MCP_SERVERS", () => {
  it("reads an HTTP server and a stdio server, with the defaults filled in", () => {
    const result = resolve([
      { name: "docs", url: "https://mcp.example.com/mcp", headers: { "X-Team": "parley" }, allowTools: ["search"] },
      { name: "everything", command: "npx", args: ["-y", "@modelcontextprotocol/server-everything"], denyTools: ["get-env"], timeoutMs: 5_000, approval: "always" },
    ]);
    expect(result).toEqual({
      servers: [
        { name: "docs", transport: { type: "http", url: "https://mcp.example.com/mcp", headers: { "X-Team": "parley" } }, allowTools: ["search"], denyTools: [], cacheTtlMs: 60_000, approval: "hints", secrets: [] },
        {
          name: "everything",
          transport: { type: "stdio", command: "npx", args: ["-y", "@modelcontextprotocol/server-everything"], env: {}, cwd: undefined },
          allowTools: undefined,
          denyTools: ["get-env"],
          timeoutMs: 5_000,
          cacheTtlMs: 60_000,
          approval: "always",
          secrets: [],
        },
      ],
    });
  });

  it("is empty when unset", () => {
    expect(resolveMcpServers(undefined, {})).toEqual({ servers: [] });
  });

  it("fills `${NAME}` in headers and env from the variables, and keeps the values as secrets", () => {
    const result = resolve(
      [
        { name: "github", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } },
        { name: "local", command: "server", env: { API_KEY: "${LOCAL_KEY}", MODE: "test" } },
      ],
      { GITHUB_TOKEN: "ghp_secret_value", LOCAL_KEY: "local-secret" },
    );
    if (!("servers" in result)) throw new Error(result.problems.join("\n"));
    expect(result.servers[0]?.transport).toMatchObject({ headers: { Authorization: "Bearer ghp_secret_value" } });
    expect(result.servers[0]?.secrets).toEqual(["ghp_secret_value"]);
    expect(result.servers[1]?.transport).toMatchObject({ env: { API_KEY: "local-secret", MODE: "test" } });
    expect(result.servers[1]?.secrets).toEqual(["local-secret"]);
  });

  it("says which secret is missing, without a value", () => {
    expect(resolve([{ name: "github", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } }])).toEqual({
      problems: ['MCP_SERVERS: server "github", header Authorization: ${GITHUB_TOKEN} is not set (an environment variable, or the SST secret it is linked as)'],
    });
  });

  it("names each problem by entry and field", () => {
    const problems = (entries: unknown) => {
      const result = resolve(entries);
      return "problems" in result ? result.problems : [];
    };
    expect(problems([{ name: "both", url: "https://a.example/mcp", command: "x" }])).toEqual([
      'MCP_SERVERS[0]: give either "url" (a Streamable HTTP server) or "command" (a stdio server)',
    ]);
    expect(problems([{ name: "neither" }])[0]).toContain('give either "url"');
    expect(problems([{ name: "has_underscore", command: "x" }])[0]).toMatch(/^MCP_SERVERS\[0\]\["name"\]: 1 to 30 letters/);
    expect(problems([{ name: "a", command: "x" }, { name: "A", command: "y" }])).toEqual(['MCP_SERVERS[1].name: "A" is listed twice']);
    expect(problems([{ name: "typo", command: "x", arg: ["y"] }])[0]).toMatch(/^MCP_SERVERS\[0\]: Unrecognized key/);
    expect(problems([{ name: "ftp", url: "ftp://example.com/mcp" }])[0]).toMatch(/^MCP_SERVERS\[0\]\["url"\]/);
    expect(problems({ name: "not-a-list" })[0]).toMatch(/^MCP_SERVERS: must be a JSON array/);
    expect(resolveMcpServers("{nope", {})).toEqual({ problems: [expect.stringMatching(/^MCP_SERVERS: must be a JSON array/)] });
  });

  it("lists the variables its placeholders name, to link as SST secrets", () => {
    const json = JSON.stringify([
      { name: "github", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } },
      { name: "local", command: "server", env: { A: "${LOCAL_KEY}", B: "${GITHUB_TOKEN}" } },
    ]);
    expect(mcpSecretVariables(json)).toEqual(["GITHUB_TOKEN", "LOCAL_KEY"]);
    expect(mcpSecretVariables(undefined)).toEqual([]);
    expect(mcpSecretVariables("[")).toEqual([]);
  });
});
