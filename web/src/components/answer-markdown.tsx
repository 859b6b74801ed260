// The answer as markdown, rendered safely: react-markdown builds React elements (no innerHTML), shows raw HTML
// from the answer as text, drops unsafe URLs (javascript:, data:) and here also images (untrusted, and the
// app must work offline). Citation markers become CitationMarker buttons.
import { createContext, memo, useContext, useMemo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import type { Citation } from '../../../server/contract.js';
import { citeNumbers, CITE_TAG, rehypeCitations } from '../lib/rehype-citations.js';
import { CitationMarker } from './citation-marker.js';

export interface AnswerMarkdownProps {
  text: string;
  citations: readonly Citation[];
  selectedN: number | null;
  onSelect(n: number): void;
  /** while streaming, markers may name citations not known yet: render them anyway */
  streaming?: boolean;
}

interface CiteContext {
  byN: ReadonlyMap<number, Citation>;
  selectedN: number | null;
  onSelect(n: number): void;
}

// Selection reaches the buttons through context, so the `components` map below never changes identity: a new
// map would remount every button on each click and lose keyboard focus.
const CitationsContext = createContext<CiteContext>({ byN: new Map(), selectedN: null, onSelect: () => undefined });

function CiteRef({ node }: { node?: unknown }) {
  const { byN, selectedN, onSelect } = useContext(CitationsContext);
  return (
    <>
      {citeNumbers(node).map((n) => (
        <CitationMarker key={n} n={n} citation={byN.get(n)} selected={selectedN === n} onSelect={onSelect} />
      ))}
    </>
  );
}

function ExternalLink({ href, children }: { href?: string; children?: React.ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

const components = { [CITE_TAG]: CiteRef, a: ExternalLink } as unknown as Components;

export const AnswerMarkdown = memo(function AnswerMarkdown({ text, citations, selectedN, onSelect, streaming }: AnswerMarkdownProps) {
  const byN = useMemo(() => new Map(citations.map((c) => [c.n, c])), [citations]);
  const known = streaming || !citations.length ? undefined : new Set(byN.keys());
  // `known` is derived from byN and streaming, which are the memo's real inputs
  const rehypePlugins = useMemo(() => [[rehypeCitations, { known }] as const], [byN, streaming]);
  const context = useMemo(() => ({ byN, selectedN, onSelect }), [byN, selectedN, onSelect]);
  return (
    <CitationsContext.Provider value={context}>
      <Markdown rehypePlugins={rehypePlugins as never} components={components} disallowedElements={['img']} unwrapDisallowed>
        {text}
      </Markdown>
    </CitationsContext.Provider>
  );
});
