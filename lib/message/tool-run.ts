import { z } from "zod";

// What the tool runtime reports about each call, streamed as a `data-toolRun` part whose id is the
// tool call id. The chip reads it for elapsed time, "cached" and "timed out"; it is stored with the
// message, so a reloaded conversation still shows how each call went.

export const toolRunStatuses = ["running", "done", "failed", "timeout", "aborted"] as const;

export const toolRunSchema = z.object({
  toolName: z.string().max(100),
  status: z.enum(toolRunStatuses),
  /** Epoch milliseconds when the call started (server clock). */
  startedAt: z.number(),
  durationMs: z.number().nonnegative().optional(),
  cached: z.boolean(),
  truncated: z.boolean(),
});

export type ToolRun = z.infer<typeof toolRunSchema>;
export type ToolRunStatus = ToolRun["status"];
