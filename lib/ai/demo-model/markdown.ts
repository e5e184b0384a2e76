// Names, expressions and error messages come from users and tools; unescaped, a `*` in "2*3*4"
// or a `_` in "New_York" would turn into emphasis in the rendered answer.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, "\\$&");
}

/** One line, at most `maxChars` characters: fit for a quote inside a sentence. */
export function shorten(text: string, maxChars: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine.length <= maxChars) return oneLine;
  return `${oneLine.slice(0, maxChars - 1).trimEnd()}…`;
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** At most one decimal, none when it is zero: 18.3, 11, -2.5. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}
