"use client";

import { awaitsExtras, lazyModule, useLazyModule } from "./lazy-module";

const mathRenderer = lazyModule(() => import("./render-math"));

type MathFormulaProps = { tex: string; display: boolean; incomplete: boolean };

/**
 * A formula typeset by KaTeX. Until KaTeX has loaded, and while the formula is still streaming
 * in, its TeX shows as it is, so the rest of the answer never waits for it or jumps around.
 */
export function MathFormula({ tex, display, incomplete }: MathFormulaProps) {
  const renderer = useLazyModule(mathRenderer);
  if (renderer && !incomplete) {
    // KaTeX's own markup (trust off, see render-math.ts): the one place HTML is set from a string.
    const html = renderer.renderMath(tex, display);
    return display ? (
      <span data-testid="math" data-display="true" className="my-3 block max-w-full overflow-x-auto overflow-y-hidden" dangerouslySetInnerHTML={{ __html: html }} />
    ) : (
      <span data-testid="math" dangerouslySetInnerHTML={{ __html: html }} />
    );
  }
  // A whole formula waits for KaTeX; one still streaming in does not.
  return display ? (
    <span data-testid="math-source" {...awaitsExtras(!incomplete)} className="my-3 block font-mono text-sm whitespace-pre-wrap text-muted-foreground">
      {tex}
    </span>
  ) : (
    <code data-testid="math-source" {...awaitsExtras(!incomplete)} className="font-mono text-[0.9em] text-muted-foreground">
      {tex}
    </code>
  );
}
