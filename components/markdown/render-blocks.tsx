"use client";

import type { ReactNode } from "react";
import type { Token, Tokens } from "marked";
import { CodeBlock } from "./code-block";
import { decodeEntities } from "./decode-entities";
import { MathFormula } from "./math-formula";
import type { MathToken } from "./math-syntax";
import { safeHref } from "./safe-href";

// Model output is untrusted. marked's tokens become React elements here, one by one, so:
// 1. Raw HTML is never parsed into elements: it shows as the text it is ("<script>" reads as
//    "<script>").
// 2. Links open in a new tab with rel="noopener noreferrer", and only to http(s) and mailto.
// 3. Images are not loaded (a model can be talked into leaking data through an image URL); they
//    show as links the user can choose to open.
// The one string of HTML set is KaTeX's output for a formula (math-formula.tsx).

const linkClass = "font-medium text-accent underline underline-offset-2 [overflow-wrap:anywhere]";

function Link({ href, children }: { href: string; children: ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <span className="font-medium underline">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" className={linkClass}>
      {children}
    </a>
  );
}

function Image({ href, alt }: { href: string; alt: string }) {
  const label = alt ? `Image: ${alt}` : "Image";
  const safe = safeHref(href);
  if (!safe) return <span>[{label}]</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" className={linkClass}>
      [{label}]
    </a>
  );
}

function renderInline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, index) => <InlineToken key={index} token={token} />);
}

function InlineToken({ token }: { token: Token }): ReactNode {
  switch (token.type) {
    case "text":
      return "tokens" in token && token.tokens ? renderInline(token.tokens) : decodeEntities(token.text);
    case "escape":
      return token.text;
    case "html":
      return token.raw;
    case "strong":
      return <strong className="font-semibold">{renderInline(token.tokens)}</strong>;
    case "em":
      return <em>{renderInline(token.tokens)}</em>;
    case "del":
      return <del>{renderInline(token.tokens)}</del>;
    case "codespan":
      return <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-[0.9em]">{token.text}</code>;
    case "br":
      return <br />;
    case "link":
      return <Link href={token.href}>{renderInline(token.tokens)}</Link>;
    case "image":
      return <Image href={token.href} alt={decodeEntities(token.text)} />;
    case "checkbox":
      return <input type="checkbox" checked={token.checked} disabled readOnly aria-label={token.checked ? "done" : "not done"} className="mr-1.5 align-middle" />;
    case "math": {
      const math = token as MathToken;
      return <MathFormula tex={math.tex} display={math.display} incomplete={math.incomplete} />;
    }
    default:
      return token.raw;
  }
}

const headingClasses = ["text-xl font-semibold", "text-lg font-semibold", "text-base font-semibold", "text-base font-semibold", "text-sm font-semibold", "text-sm font-semibold"];

/** `caret`: the answer is still streaming and this is its last block (see components/chat/markdown.tsx). */
type BlockProps<T> = { token: T; caret?: boolean };

function Heading({ token, caret }: BlockProps<Tokens.Heading>) {
  const Tag = (["h1", "h2", "h3", "h4", "h5", "h6"] as const)[Math.min(Math.max(token.depth, 1), 6) - 1] ?? "h6";
  return <Tag data-caret={caret || undefined} className={`mt-5 mb-2 ${headingClasses[token.depth - 1] ?? "font-semibold"}`}>{renderInline(token.tokens)}</Tag>;
}

function List({ token, caret }: BlockProps<Tokens.List>) {
  const items = token.items.map((item, index) => (
    <li key={index} className="pl-1 [&>p]:my-2">
      {item.loose ? renderBlocks(item.tokens) : item.tokens.map((child, childIndex) => <BlockOrInline key={childIndex} token={child} />)}
    </li>
  ));
  if (token.ordered) {
    const start = typeof token.start === "number" && token.start !== 1 ? token.start : undefined;
    return (
      <ol start={start} data-caret={caret || undefined} className="list-decimal space-y-1 pl-6">
        {items}
      </ol>
    );
  }
  return <ul data-caret={caret || undefined} className="list-disc space-y-1 pl-6">{items}</ul>;
}

/** In a tight list item, text runs inline; anything else (a nested list, code) is a block. */
function BlockOrInline({ token }: { token: Token }) {
  if (token.type === "text" || token.type === "checkbox") return <InlineToken token={token} />;
  return <Block token={token} />;
}

const alignClass = { left: "text-left", center: "text-center", right: "text-right" } as const;

/** Tables scroll sideways on narrow screens; the scroll area is focusable so keyboards reach it. */
function Table({ token, caret }: BlockProps<Tokens.Table>) {
  const cellClass = (align: Tokens.TableCell["align"]) => `px-3 py-2 ${align ? alignClass[align] : "text-left"}`;
  return (
    <div role="region" aria-label="Table" tabIndex={0} data-caret={caret || undefined} className="my-4 max-w-full overflow-x-auto rounded-lg border border-border">
      <table className="w-full border-collapse text-sm">
        <thead className="bg-muted">
          <tr className="border-b border-border">
            {token.header.map((cell, index) => (
              <th key={index} className={cellClass(cell.align)}>
                {renderInline(cell.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {token.rows.map((row, rowIndex) => (
            <tr key={rowIndex} className="border-b border-border last:border-b-0">
              {row.map((cell, index) => (
                <td key={index} className={cellClass(cell.align)}>
                  {renderInline(cell.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One top-level piece of an answer. Unknown kinds show their source rather than nothing. */
export function Block({ token, caret }: BlockProps<Token>): ReactNode {
  const caretAttribute = caret || undefined;
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "paragraph":
      return <p data-caret={caretAttribute}>{renderInline(token.tokens)}</p>;
    case "text":
      return <p data-caret={caretAttribute}>{"tokens" in token && token.tokens ? renderInline(token.tokens) : decodeEntities(token.text)}</p>;
    case "heading":
      return <Heading token={token as Tokens.Heading} caret={caret} />;
    case "code":
      return <CodeBlock code={token.text} language={(token.lang ?? "").split(/\s/)[0] ?? ""} caret={caret} />;
    case "blockquote":
      return <blockquote data-caret={caretAttribute} className="space-y-3 border-l-4 border-border pl-4 text-muted-foreground">{renderBlocks(token.tokens)}</blockquote>;
    case "list":
      return <List token={token as Tokens.List} caret={caret} />;
    case "table":
      return <Table token={token as Tokens.Table} caret={caret} />;
    case "hr":
      return <hr data-caret={caretAttribute} className="my-6 border-border" />;
    case "math": {
      const math = token as MathToken;
      return (
        <div data-caret={caretAttribute}>
          <MathFormula tex={math.tex} display incomplete={math.incomplete} />
        </div>
      );
    }
    default:
      // Block HTML included: its source, as text.
      return <p data-caret={caretAttribute} className="whitespace-pre-wrap">{token.raw.trimEnd()}</p>;
  }
}

function renderBlocks(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, index) => <Block key={index} token={token} />);
}
