import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { captureOutput } from "@/test/support/capture-output";
import { toolDefinitions } from "@/tools";
import { toolApprovalSettings } from "./tool-approval-settings";

const dataDir = () => mkdtempSync(join(tmpdir(), "parley-approval-"));

describe("toolApprovalSettings", () => {
  it("is none, and keeps no key, when no tool's call waits for approval", async () => {
    const folder = dataDir();
    await expect(toolApprovalSettings(parseEnv({ PARLEY_DATA_DIR: folder }), toolDefinitions)).resolves.toBeUndefined();
    expect(existsSync(join(folder, "tool-approval-secret"))).toBe(false);
  });

  it("signs with the configured key", async () => {
    const env = parseEnv({ TOOL_APPROVAL: '{"calculate":"always"}', TOOL_APPROVAL_SECRET: "s".repeat(32) });
    await expect(toolApprovalSettings(env, toolDefinitions)).resolves.toEqual({ policies: { calculate: "always" }, secret: "s".repeat(32) });
  });

  it("without one, keeps a key of its own in the data folder, readable by this user only", async () => {
    const folder = dataDir();
    const env = parseEnv({ TOOL_APPROVAL: '{"calculate":"always"}', PARLEY_DATA_DIR: folder });
    const settings = await toolApprovalSettings(env, toolDefinitions);
    expect(settings?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(folder, "tool-approval-secret")).mode & 0o777).toBe(0o600);
    // The same key for the same folder; another folder has its own.
    expect((await toolApprovalSettings(env, toolDefinitions))?.secret).toBe(settings?.secret);
    const elsewhere = await toolApprovalSettings(parseEnv({ TOOL_APPROVAL: '{"calculate":"always"}', PARLEY_DATA_DIR: dataDir() }), toolDefinitions);
    expect(elsewhere?.secret).not.toBe(settings?.secret);
  });

  it("says once, in the log, which of its names are no tool's: a misspelt name leaves its tool unasked", async () => {
    const env = parseEnv({
      TOOL_APPROVAL: '{"calculat":"always","calculate":"always","github__create_issue":"always","gitlab__merge":"always"}',
      TOOL_APPROVAL_SECRET: "s".repeat(32),
      MCP_SERVERS: JSON.stringify([{ name: "github", url: "https://mcp.example.com/mcp" }]),
    });
    const output = captureOutput();
    try {
      await toolApprovalSettings(env, toolDefinitions);
      await toolApprovalSettings(env, toolDefinitions);
    } finally {
      output.restore();
    }
    const warnings = output.logs().filter((line) => String(line.message).startsWith("TOOL_APPROVAL names no tool"));
    expect(warnings).toEqual([expect.objectContaining({ level: "WARN", names: ["calculat", "gitlab__merge"] })]);
  });

  it("on Lambda without a key, refuses to serve (503) rather than sign with none", async () => {
    const env = parseEnv({ TOOL_APPROVAL: '{"calculate":"always"}', AWS_LAMBDA_FUNCTION_NAME: "parley" });
    await expect(toolApprovalSettings(env, toolDefinitions)).rejects.toMatchObject({ code: "not_configured" });
  });
});
