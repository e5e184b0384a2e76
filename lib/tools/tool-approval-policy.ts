import { z } from "zod";

/**
 * When a tool's call waits for the user's approval: `always`, `never`, or as the tool's own hints
 * say (`hints`: unless it only reads, or says it destroys nothing).
 */
export const toolApprovalPolicySchema = z.enum(["always", "never", "hints"]);
export type ToolApprovalPolicy = z.infer<typeof toolApprovalPolicySchema>;

/**
 * TOOL_APPROVAL as written: JSON mapping tool names to policies. The app (lib/env.ts) and the deploy
 * (lib/sst/deploy-settings.ts) read it with this one schema, so a deploy refuses what the server would.
 */
export const toolApprovalSettingSchema = z
  .string()
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: 'must be JSON, e.g. {"calculate":"always"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), toolApprovalPolicySchema, { error: 'must map tool names to "always", "never" or "hints"' }));

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
