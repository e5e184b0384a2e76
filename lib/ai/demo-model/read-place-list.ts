// Reads "Paris, London and New York today, and what is 17% of 2340?" as ["Paris", "London",
// "New York"]: the list ends at the end of the clause, or at the first item that reads like the
// start of another request rather than a place.

/** The clause ends at ?, !, ;, :, a new line, or a full stop that is not part of "St. Louis". */
const CLAUSE_END = /[?!;:\n]|(?<!\b(?:St|Mt|Ft|Ste))\.(?=\s|$)/u;

const ITEM_SEPARATOR = /\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/iu;

/** Words about when, not where: "Berlin today" asks about Berlin. */
const TRAILING_WORDS =
  /\s+(?:today|tonight|tomorrow|now|right now|currently|at the moment|this (?:morning|afternoon|evening|week|weekend)|please|then|too|as well)$/iu;

/** Words that start the next request ("…, and what is…", "… and tell me…"), never a place. */
const CLAUSE_WORDS = new Set([
  "what", "what's", "whats", "how", "how's", "hows", "when", "where", "who", "why", "which",
  "is", "are", "was", "can", "could", "would", "will", "should", "do", "does", "did",
  "tell", "give", "show", "calculate", "compute", "evaluate", "solve", "also", "then", "plus",
  "please", "i", "i'm", "me", "my", "and", "or", "but", "it", "it's", "there", "here", "thanks", "so",
]);

/** Another tool's subject: "the time in Tokyo" inside a weather list ends the list. */
const OTHER_SUBJECT = /\b(?:weather|temperature|forecast|time|clock)\b/iu;

const PLACE_NAME = /^\p{L}[\p{L}\p{M}.'’\- ]*$/u;
/** Time zones also come as IANA names: "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5". */
const PLACE_OR_ZONE_NAME = /^\p{L}[\p{L}\p{M}\d.'’\-/_+ ]*$/u;

const MAX_WORDS_PER_PLACE = 5;

export type ReadPlaceListOptions = { allowZoneNames?: boolean };

/** A longer list is read up to here: the planner calls a few tools at most, and this keeps it linear. */
const MAX_LIST_CHARS = 400;

/** The places named in `text` from index `from` on (the words right after "weather in" or "time in"). */
export function readPlaceList(text: string, from: number, { allowZoneNames = false }: ReadPlaceListOptions = {}): string[] {
  const window = text.slice(from, from + MAX_LIST_CHARS);
  const end = window.search(CLAUSE_END);
  const clause = end === -1 ? window : window.slice(0, end);
  const items = clause.split(ITEM_SEPARATOR);
  // The window may have cut the last name in half.
  if (end === -1 && from + MAX_LIST_CHARS < text.length) items.pop();
  const namePattern = allowZoneNames ? PLACE_OR_ZONE_NAME : PLACE_NAME;
  const places: string[] = [];
  for (const rawItem of items) {
    const item = stripTrailingWords(stripQuotes(rawItem));
    if (item === "") continue;
    const firstWord = (item.split(/\s+/u)[0] ?? "").toLowerCase().replace(/’/gu, "'");
    if (CLAUSE_WORDS.has(firstWord) || OTHER_SUBJECT.test(item) || !namePattern.test(item)) break;
    if (item.split(/\s+/u).length > MAX_WORDS_PER_PLACE) break;
    places.push(item);
  }
  return places;
}

/** "Paris" and “Paris” are Paris; the apostrophe inside "Xi’an" stays. */
function stripQuotes(item: string): string {
  return item.replace(/["“”]/gu, "").trim().replace(/^['‘’]+|['‘’]+$/gu, "");
}

function stripTrailingWords(item: string): string {
  let current = item;
  for (;;) {
    const next = current.replace(TRAILING_WORDS, "").trim();
    if (next === current) return current;
    current = next;
  }
}
