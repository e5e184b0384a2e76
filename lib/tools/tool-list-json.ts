import { z } from "zod";
import { needsApproval, type ToolApprovalPolicy } from "./tool-approval-policy";
import type { ToolSet } from "./tool-set";

// What GET /api/tools answers: every tool the model may be offered, where it comes from, and for
// those of MCP servers that are down, why they are not offered now; whether a call waits for the
// user's approval, as the policies say now. Never a URL, header or command.

const toolStatusSchema = z.enum(["available", "unavailable"]);

const toolJsonSchema = z.object({
  name: z.string().meta({ description: "The name the model calls it by; an MCP server's tool is `<server>__<tool>`." }),
  server: z.string().optional().meta({ description: "The MCP server it belongs to; absent for Parley's own tools." }),
  title: z.string().optional(),
  status: toolStatusSchema,
  reason: z.string().optional().meta({ description: "Why it is unavailable." }),
  asksApproval: z
    .boolean()
    .optional()
    .meta({ description: "Whether its calls wait for the user's Approve (TOOL_APPROVAL, the MCP server's entry, the tool's hints); absent while its server is down." }),
});

const mcpServerJsonSchema = z.object({
  name: z.string(),
  transport: z.enum(["http", "stdio"]),
  status: toolStatusSchema,
  reason: z.string().optional(),
});

export const toolListJsonSchema = z.object({ tools: z.array(toolJsonSchema), mcpServers: z.array(mcpServerJsonSchema) });

export type ToolListJson = z.infer<typeof toolListJsonSchema>;

export function toToolListJson({ definitions, mcpServers }: ToolSet, policies: Readonly<Record<string, ToolApprovalPolicy>>): ToolListJson {
  const own = Object.entries(definitions).filter(([, definition]) => definition.mcp === undefined);
  const approvalOf = (name: string) => {
    const definition = definitions[name];
    return definition === undefined ? {} : { asksApproval: needsApproval(definition.runtime, policies[name]) };
  };
  return {
    tools: [
      ...own.map(([name]) => ({ name, status: "available" as const, ...approvalOf(name) })),
      ...mcpServers.flatMap((server) =>
        server.tools.map((tool) => ({
          ...tool,
          server: server.name,
          status: server.status,
          ...(server.reason !== undefined && { reason: server.reason }),
          ...(server.status === "available" && approvalOf(tool.name)),
        })),
      ),
    ],
    mcpServers: mcpServers.map(({ name, transport, status, reason }) => ({ name, transport, status, ...(reason !== undefined && { reason }) })),
  };
}
