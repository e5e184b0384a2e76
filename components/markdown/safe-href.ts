// Links in model output open only where a user can see where they go: web pages and email
// addresses. `javascript:`, `data:`, `vbscript:`, relative paths and anything else stay text.

const ALLOWED = /^(?:https?:\/\/|mailto:)/i;

/** The address to link to, or undefined when the link must not be followed. */
export function safeHref(href: string): string | undefined {
  // Browsers ignore control characters and spaces around a URL's scheme: so does the check.
  const trimmed = href.replace(/[\u0000-\u0020\u007f]/g, "");
  if (!ALLOWED.test(trimmed)) return undefined;
  try {
    new URL(trimmed);
    return trimmed;
  } catch {
    return undefined;
  }
}
