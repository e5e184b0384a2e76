import { z } from "zod";

/**
 * When a tool's call waits for the user's approval: `always`, `never`, or as the tool's own hints
 * say (`hints`: unless it only reads, or says it destroys nothing).
 */
export const toolApprovalPolicySchema = z.enum(["always", "never", "hints"]);
export type ToolApprovalPolicy = z.infer<typeof toolApprovalPolicySchema>;

type ApprovalDeclaration = { approval?: ToolApprovalPolicy; hints?: { readOnly?: boolean; destructive?: boolean } };

/**
 * Whether a call of this tool waits for approval: the operator's policy for it (TOOL_APPROVAL)
 * wins over the tool's own declaration. Under `hints`, a tool that says nothing counts as one that
 * may destroy (as MCP's defaults do): approval is the safe side.
 */
export function needsApproval(declaration: ApprovalDeclaration, configured: ToolApprovalPolicy | undefined): boolean {
  switch (configured ?? declaration.approval ?? "never") {
    case "always":
      return true;
    case "never":
      return false;
    case "hints":
      return declaration.hints?.readOnly !== true && declaration.hints?.destructive !== false;
  }
}
