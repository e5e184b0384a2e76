import type { TokenizerAndRendererExtension, Tokens } from "marked";

// TeX math in answers, in the four ways models write it: inline `$…$` and `\(…\)`, display
// `$$…$$` and `\[…\]`. A `$` is taken as math only when it hugs its content and the closing one
// is not followed by a digit, so "$5 and $10" stays money.

export type MathToken = Tokens.Generic & {
  type: "math";
  raw: string;
  tex: string;
  display: boolean;
  /** Still streaming: the closing delimiter has not arrived, so the TeX is shown as it is. */
  incomplete: boolean;
};

// A formula is at most 8 000 characters: a search for the closing delimiter then stops there,
// so many opened and never closed ones cannot make reading an answer quadratic.
const DISPLAY_BLOCK = /^ {0,3}(?:\$\$([\s\S]{1,8000}?)\$\$|\\\[([\s\S]{1,8000}?)\\\]) *(?:\n+|$)/;
/** While streaming: an opened display formula that runs to the end of the text so far. */
const OPEN_DISPLAY_BLOCK = /^ {0,3}(?:\$\$|\\\[)([\s\S]*)$/;
const DISPLAY_INLINE = /^(?:\$\$(?!\$)([\s\S]{1,8000}?)\$\$|\\\[([\s\S]{1,8000}?)\\\])/;
const INLINE = /^(?:\$(?![\s$])((?:\\[\s\S]|[^\\$])*?[^\s\\$])\$(?!\d)|\\\(([\s\S]{1,8000}?)\\\))/;
const BLOCK_START = /(?:^|\n) {0,3}(?:\$\$|\\\[)/;
const INLINE_START = /\$|\\[([]/;

function mathToken(raw: string, tex: string | undefined, display: boolean, incomplete = false): MathToken {
  return { type: "math", raw, tex: (tex ?? "").trim(), display, incomplete };
}

/** marked extensions for math; `streaming` also takes an unclosed display formula at the end. */
export function mathExtensions({ streaming }: { streaming: boolean }): TokenizerAndRendererExtension[] {
  return [
    {
      name: "math",
      level: "block",
      // marked asks this of the rest of the text at every paragraph, to cut the paragraph before
      // a formula. Searching only up to the paragraph's end keeps a long answer's lexing linear.
      start: (source) => {
        const paragraphEnd = source.indexOf("\n\n");
        const match = BLOCK_START.exec(paragraphEnd === -1 ? source : source.slice(0, paragraphEnd + 1));
        return match ? match.index + (match[0].startsWith("\n") ? 1 : 0) : undefined;
      },
      tokenizer(source) {
        const closed = DISPLAY_BLOCK.exec(source);
        if (closed) return mathToken(closed[0], closed[1] ?? closed[2], true);
        const open = streaming ? OPEN_DISPLAY_BLOCK.exec(source) : null;
        if (open) return mathToken(open[0], open[1], true, true);
        return undefined;
      },
    },
    {
      name: "math",
      level: "inline",
      start: (source) => {
        const index = source.search(INLINE_START);
        return index === -1 ? undefined : index;
      },
      tokenizer(source) {
        const display = DISPLAY_INLINE.exec(source);
        if (display) return mathToken(display[0], display[1] ?? display[2], true);
        const inline = INLINE.exec(source);
        if (inline) return mathToken(inline[0], inline[1] ?? inline[2], false);
        return undefined;
      },
    },
  ];
}
