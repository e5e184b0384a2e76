// Word-ish tokens that carry their leading whitespace (" world", "\n\n-"), like a real model's
// tokens; the trailing-whitespace alternative keeps `tokens.join("") === text` for every text.
const TOKEN = /\s*\S+|\s+/g;

/** Splits text into streaming tokens whose concatenation is exactly the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}
