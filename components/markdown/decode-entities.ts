// marked leaves character references in text as written (`&amp;`, `&#39;`); the renderer shows
// text through React, which escapes it again, so they are decoded here first. Numeric references
// and the named ones models use; any other name stays as written.

const named: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  laquo: "«",
  raquo: "»",
  times: "×",
  divide: "÷",
  deg: "°",
  plusmn: "±",
  euro: "€",
  pound: "£",
  yen: "¥",
  middot: "·",
  bull: "•",
  rarr: "→",
  larr: "←",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(codePoint: number): string | undefined {
  if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(codePoint);
}

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10)) ?? reference;
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16)) ?? reference;
    return (name !== undefined && Object.hasOwn(named, name) ? named[name] : undefined) ?? reference;
  });
}
