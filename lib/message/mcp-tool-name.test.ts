import { describe, expect, it } from "vitest";
import { toolDefinitions } from "@/tools";
import { mcpServerOf, mcpToolLabel, mcpToolName } from "./mcp-tool-name";

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

describe("the names the model calls MCP tools by", () => {
  it("join the server's name and the tool's, and split back", () => {
    const name = mcpToolName("everything", "get-sum", new Set());
    expect(name).toBe("everything__get-sum");
    expect(mcpServerOf(name)).toBe("everything");
    expect(mcpToolLabel(name)).toBe("get-sum");
  });

  it("fit any tool name to what every provider accepts, and stay unique", () => {
    const taken = new Set<string>();
    for (const toolName of ["files.read", "files/read", "files read", "x".repeat(100), "x".repeat(101), "ünïcode"]) {
      const name = mcpToolName("a-server", toolName, taken);
      expect(name).toMatch(VALID);
      expect(taken.has(name)).toBe(false);
      expect(mcpServerOf(name)).toBe("a-server");
      taken.add(name);
    }
    expect(mcpToolName("a-server", "files.read", new Set())).toBe("a-server__files_read");
  });

  it("are the same in every process", () => {
    expect(mcpToolName("s", "a.b", new Set(["s__a_b"]))).toBe(mcpToolName("s", "a.b", new Set(["s__a_b"])));
  });

  it("never look like Parley's own tools, nor those like MCP tools", () => {
    for (const name of Object.keys(toolDefinitions)) {
      expect(mcpServerOf(name)).toBeUndefined();
      expect(mcpToolLabel(name)).toBe(name);
    }
  });
});
