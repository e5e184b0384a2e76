// A deterministic long markdown answer, as the exact deltas a model would stream: headings,
// paragraphs with inline marks and links, bullet and numbered lists, tables and fenced code blocks,
// in a fixed rotation. One delta ≈ one model token (a word with its leading space, a run of
// punctuation, or a line break), about 3.5 characters on average.
//
// Every 20th delta (or the next word after it) is a sentinel word `t00420` naming its own index, so
// the page can tell which delta is on screen by reading the end of the rendered text.

/** A sentinel is placed at least this often (in deltas). */
export const SENTINEL_EVERY = 20;
export const SENTINEL_PATTERN = /t(\d{5})/g;

const WORDS = (
  "stream render token block parse layout paint frame answer model server browser message list table " +
  "code cache chunk delta update batch memo reconcile style commit effect scroll observer timer thread " +
  "queue buffer request response latency budget window metric sample trace event signal handler worker " +
  "value column header result section example detail summary review option config default fallback"
).split(" ");

const CODE_LINES = [
  ["const", " total", " =", " items", ".", "reduce", "((", "sum", ",", " item", ")", " =>", " sum", " +", " item", ".", "size", ",", " 0", ");"],
  ["for", " (", "const", " chunk", " of", " stream", ")", " {"],
  ["  ", "buffer", ".", "push", "(", "chunk", ".", "text", ");"],
  ["  ", "if", " (", "buffer", ".", "length", " >", " 64", ")", " flush", "(", "buffer", ");"],
  ["}"],
  ["export", " function", " render", "(", "message", ":", " Message", ")", " {"],
  ["  ", "return", " message", ".", "parts", ".", "map", "((", "part", ")", " =>", " part", ".", "text", ");"],
  ["}"],
];

/** A tiny deterministic generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The answer: `deltas` (exactly `tokens` strings) and `sentinels` (delta index → the sentinel's
 * number, which is that index). The same `tokens` and `seed` always give the same answer.
 */
export function markdownAnswer(tokens, seed = 1) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));

  /** @type {{ text: string, word: boolean }[]} */
  const out = [];
  const raw = (text) => out.push({ text, word: false });
  const word = (leadingSpace = true) => out.push({ text: `${leadingSpace ? " " : ""}${pick(WORDS)}`, word: true });
  const words = (count, leadingSpace = true) => {
    for (let index = 0; index < count; index += 1) word(index > 0 || leadingSpace);
  };

  const sentence = () => {
    const length = between(8, 18);
    out.push({ text: capitalise(pick(WORDS)), word: true });
    for (let index = 1; index < length; index += 1) {
      const mark = next();
      if (mark < 0.04) {
        raw(" **");
        words(2, false);
        raw("**");
      } else if (mark < 0.07) {
        raw(" `");
        word(false);
        raw("()`");
      } else if (mark < 0.09) {
        raw(" [");
        words(2, false);
        raw(`](https://example.com/docs/${between(1, 999)})`);
      } else if (mark < 0.11) {
        raw(" *");
        word(false);
        raw("*");
      } else {
        word();
      }
    }
    raw(".");
  };
  const paragraph = () => {
    const sentences = between(2, 5);
    for (let index = 0; index < sentences; index += 1) {
      if (index > 0) raw(" ");
      sentence();
    }
    raw("\n\n");
  };
  const heading = (section) => {
    raw(section % 3 === 0 ? "##" : "###");
    raw(` ${section}.`);
    words(between(2, 5));
    raw("\n\n");
  };
  const bulletList = (ordered) => {
    const items = between(3, 6);
    for (let index = 0; index < items; index += 1) {
      raw(ordered ? `${index + 1}.` : "-");
      words(between(5, 14));
      raw("\n");
    }
    raw("\n");
  };
  const table = () => {
    const columns = between(3, 5);
    for (let column = 0; column < columns; column += 1) {
      raw(column === 0 ? "|" : " |");
      word();
    }
    raw(" |\n");
    raw(`|${"---|".repeat(columns)}\n`);
    const rows = between(3, 7);
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns; column += 1) {
        raw(column === 0 ? "|" : " |");
        if (column === columns - 1) raw(` ${between(1, 9999)}`);
        else words(between(1, 3));
      }
      raw(" |\n");
    }
    raw("\n");
  };
  const codeBlock = () => {
    raw("```");
    raw(pick(["ts", "js", "tsx"]));
    raw("\n");
    const lines = between(4, 12);
    const first = between(0, CODE_LINES.length - 1);
    for (let line = 0; line < lines; line += 1) {
      for (const piece of CODE_LINES[(first + line) % CODE_LINES.length]) {
        out.push({ text: piece, word: /^\s*[a-z]+$/i.test(piece) });
      }
      raw("\n");
    }
    raw("```\n\n");
  };

  const shapes = [paragraph, bulletList.bind(null, false), paragraph, table, paragraph, codeBlock, bulletList.bind(null, true)];
  let section = 1;
  while (out.length < tokens) {
    heading(section);
    const blocks = between(2, 4);
    for (let index = 0; index < blocks; index += 1) pick(shapes)();
    section += 1;
  }
  out.length = tokens;

  // Sentinels replace words; the last delta is one too, so the end of the answer is detectable.
  const deltas = out.map((delta) => delta.text);
  const sentinels = [];
  let due = 0;
  out.forEach((delta, index) => {
    const isLast = index === tokens - 1;
    if ((delta.word && index >= due) || isLast) {
      const leading = delta.word ? (delta.text.match(/^\s*/)?.[0] ?? "") : " ";
      deltas[index] = `${leading}${sentinel(index)}`;
      sentinels.push(index);
      due = index + SENTINEL_EVERY;
    }
  });
  return { deltas, sentinels, text: deltas.join("") };
}

export const sentinel = (index) => `t${String(index).padStart(5, "0")}`;

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);
