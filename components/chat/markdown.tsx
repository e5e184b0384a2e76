"use client";

import { memo, type ComponentProps } from "react";
import {
  defaultRehypePlugins,
  defaultRemarkPlugins,
  defaultUrlTransform,
  Streamdown,
  type Components,
  type ControlsConfig,
  type ExtraProps,
  type LinkSafetyConfig,
} from "streamdown";

// Model output is untrusted. Three rules:
// 1. Raw HTML is never parsed into elements: the remark step below turns it into literal text
//    (so "<script>" reads as "<script>"), and streamdown's `rehype-raw` step is left out.
//    Sanitising and hardening (unsafe URL protocols blocked) still run.
// 2. Links open in a new tab with rel="noopener noreferrer".
// 3. Images are not loaded (a model can be talked into leaking data through an image URL); they
//    show as links the user can choose to open.

type MarkdownNode = { type: string; value?: string; children?: MarkdownNode[] };

/** Parents whose children are inline (phrasing) content: inline HTML there becomes a text node. */
const phrasingParents = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "link", "linkReference", "tableCell"]);

function remarkHtmlAsText() {
  const visit = (node: MarkdownNode) => {
    node.children?.forEach((child, index, siblings) => {
      if (child.type === "html") {
        const text: MarkdownNode = { type: "text", value: child.value ?? "" };
        siblings[index] = phrasingParents.has(node.type) ? text : { type: "paragraph", children: [text] };
      } else {
        visit(child);
      }
    });
  };
  return (tree: MarkdownNode) => visit(tree);
}

const remarkPlugins = [...Object.values(defaultRemarkPlugins), remarkHtmlAsText];
const rehypePlugins = Object.entries(defaultRehypePlugins)
  .filter(([name]) => name !== "raw")
  .map(([, plugin]) => plugin);

// Links get their own component (below) instead of streamdown's confirmation dialog.
const linkSafety: LinkSafetyConfig = { enabled: false };
const controls: ControlsConfig = { code: { copy: true, download: false }, table: false, mermaid: false, image: false };

/** While a link is still streaming in, streamdown gives it this placeholder href. */
const INCOMPLETE_LINK = "streamdown:incomplete-link";

function Link({ href, children, node: _node, className: _className, ...props }: ComponentProps<"a"> & ExtraProps) {
  if (!href || href === INCOMPLETE_LINK) return <span className="font-medium underline">{children}</span>;
  return (
    <a
      {...props}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="font-medium text-accent underline underline-offset-2 [overflow-wrap:anywhere]"
    >
      {children}
    </a>
  );
}

function Image({ src, alt }: ComponentProps<"img"> & ExtraProps) {
  const label = alt ? `Image: ${alt}` : "Image";
  if (typeof src !== "string" || src === "") return <span>[{label}]</span>;
  return (
    <a href={src} target="_blank" rel="noopener noreferrer" className="font-medium text-accent underline underline-offset-2">
      [{label}]
    </a>
  );
}

/** Tables scroll sideways on narrow screens; the scroll area is focusable so keyboards reach it. */
function Table({ children, node: _node, className: _className, ...props }: ComponentProps<"table"> & ExtraProps) {
  return (
    <div
      role="region"
      aria-label="Table"
      tabIndex={0}
      className="my-4 max-w-full overflow-x-auto rounded-lg border border-border"
    >
      <table {...props} className="w-full border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_thead]:bg-muted [&_tr]:border-b [&_tr]:border-border [&_tbody_tr:last-child]:border-b-0">
        {children}
      </table>
    </div>
  );
}

const components: Components = { a: Link, img: Image, table: Table };

type MarkdownProps = {
  text: string;
  /** True while this text is still streaming in: unterminated markdown is completed, a caret shows. */
  isStreaming: boolean;
};

/**
 * Renders model markdown (lists, code, tables) as it streams. streamdown splits the text into
 * blocks and re-parses only the last one as deltas arrive.
 */
export const Markdown = memo(function Markdown({ text, isStreaming }: MarkdownProps) {
  return (
    <Streamdown
      mode="streaming"
      isAnimating={isStreaming}
      caret={isStreaming ? "block" : undefined}
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      urlTransform={defaultUrlTransform}
      linkSafety={linkSafety}
      controls={controls}
      components={components}
      lineNumbers={false}
      codeBlockMaxHeight={0}
      className="min-w-0 space-y-3 leading-relaxed break-words"
    >
      {text}
    </Streamdown>
  );
});
