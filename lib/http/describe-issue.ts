import type { z } from "zod";

/** A request's first problem, with where it is (`messages.2.content`), never echoing the value back. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request body is not valid.";
  const path = issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
  return `${issue.message}${path}`;
}
