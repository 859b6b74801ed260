// A rehype plugin: citation markers in the answer's text nodes become <cite-ref> elements that the markdown
// renderer maps to citation buttons. Runs on the HTML tree, after markdown parsing, so "[1]" inside **bold**
// or a list item still becomes a button while "[1]" inside `code` or a link stays as written.
import { renderCitations } from './render-citations.js';

// Minimal hast shapes (https://github.com/syntax-tree/hast), to avoid depending on a transitive types package.
interface HastText {
  type: 'text';
  value: string;
}
interface HastElement {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: HastNode[];
}
type HastNode = HastText | HastElement | { type: string; children?: HastNode[] };

export const CITE_TAG = 'cite-ref';
const SKIP = new Set(['code', 'pre', 'a', CITE_TAG]);

function transform(parent: { children?: HastNode[] }, known: ReadonlySet<number> | undefined) {
  if (!parent.children) return;
  const out: HastNode[] = [];
  for (const node of parent.children) {
    if (node.type === 'text') {
      const segments = renderCitations((node as HastText).value, known);
      for (const s of segments) {
        if (s.kind === 'text') out.push({ type: 'text', value: s.text });
        else
          out.push({
            type: 'element',
            tagName: CITE_TAG,
            properties: { dataNumbers: s.numbers.join(',') },
            children: [{ type: 'text', value: s.raw }],
          });
      }
      continue;
    }
    if (node.type === 'element' && SKIP.has((node as HastElement).tagName)) {
      out.push(node);
      continue;
    }
    transform(node as { children?: HastNode[] }, known);
    out.push(node);
  }
  parent.children = out;
}

export function rehypeCitations(options: { known?: ReadonlySet<number> } = {}) {
  return (tree: { children?: HastNode[] }) => transform(tree, options.known);
}

/** Reads the numbers back from a <cite-ref> node's properties. */
export function citeNumbers(node: unknown): number[] {
  const raw = (node as HastElement | undefined)?.properties?.dataNumbers;
  return String(raw ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);
}
