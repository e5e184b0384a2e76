import { UnexpectedToolError } from "./tool-errors";

// Unexpected tool errors go to the model (so it can explain or work around them), and a model may
// repeat what it is told. Their text is scrubbed first: credentials in URLs, query strings, and
// anything shaped like a key or token.

const urlCredentials = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const urlQuery = /([a-z][a-z0-9+.-]*:\/\/[^\s?#]+)\?[^\s#]*/gi;
const keyLike = /\b(?:sk|pk|rk|ghp|gho|xox[abp]|AKIA|ASIA)[-_A-Za-z0-9]{8,}|\b[A-Za-z0-9+/_-]{32,}={0,2}/g;
const assignment = /\b(password|passwd|pwd|secret|token|api[-_]?key|authorization)(["']?\s*[=:]\s*)(?:"[^"]*"|'[^']*'|[^\s,;}]+)/gi;

export function scrubSecrets(text: string): string {
  return text
    .replace(urlCredentials, "$1***@")
    .replace(urlQuery, "$1?***")
    .replace(assignment, "$1$2***")
    .replace(keyLike, "***");
}

/** The error as the model sees it: its message only (no stack), scrubbed, capped. */
export function toModelSafeError(error: unknown): UnexpectedToolError {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new UnexpectedToolError(scrubSecrets(message).slice(0, 1_000), { cause: error });
}
