// What a message box says about a message's length near and over the server's limit: the composer's
// and the editor's of a sent message say the same.

/** The character count shows from this share of the limit on. */
export const COUNT_FROM = 0.9;

const formatCount = (count: number) => count.toLocaleString("en-US");

/** The count near the limit; over it, why Send is off and by how much to shorten. */
export function describeLength(length: number, maxTextChars: number): string {
  const count = `${formatCount(length)} / ${formatCount(maxTextChars)} characters`;
  if (length <= maxTextChars) return count;
  return `Too long to send: ${count}. Shorten it by ${formatCount(length - maxTextChars)}.`;
}
