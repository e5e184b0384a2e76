import { scrubSecrets } from "@/lib/tools/scrub-secrets";

export type LoggedError = { name: string; message: string; statusCode?: number };

const MAX_MESSAGE_CHARS = 500;

/**
 * An error as it may appear in a log line: its name, its message scrubbed of credentials and
 * capped, and an HTTP status when it has one. No stack, no cause chain, and none of a provider
 * error's URL, request body or response body.
 */
export function errorForLog(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { name: typeof error, message: safeText(String(error)) };
  const statusCode = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : undefined;
  return { name: error.name, message: safeText(error.message), ...(statusCode === undefined ? {} : { statusCode }) };
}

function safeText(text: string): string {
  const scrubbed = scrubSecrets(text);
  return scrubbed.length > MAX_MESSAGE_CHARS ? `${scrubbed.slice(0, MAX_MESSAGE_CHARS)}…` : scrubbed;
}
