import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceDoc, TokenCounter } from '../domain.js';
import { splitSentences } from '../text/sentences.js';
import { CHUNKING, chunkDocument, splitLongSpan } from './chunk.js';
import { discoverCorpus } from './discover.js';
import { modelTokenCounter } from './fixtures/token-counter.js';
import { prepareDocument, type PreparedDocument } from './prepare-document.js';
import { detectSections } from './sections.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let countTokens: TokenCounter;
let seed: PreparedDocument[];

beforeAll(async () => {
  countTokens = await modelTokenCounter();
  const { files } = await discoverCorpus(path.join(ROOT, 'corpus'));
  seed = await Promise.all(files.map((f) => prepareDocument(f, countTokens)));
});

function docOf(text: string, hints: string[] = []): SourceDoc {
  return {
    docId: 'test/doc', title: 'T', authors: [], publisher: null, url: null, date: null, kind: null, note: null,
    relPath: 'test/doc.txt', format: 'txt', hash: '', text, pages: [], sections: detectSections(text, hints),
  };
}

const WORDS = 'river stone water field green house light north south story music paper market garden winter summer'.split(' ');
/** A sentence of n + 1 common words (one word-piece each), told apart by its first word. */
const sentence = (n: number, tag: string) => `${tag} ${Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' ')}.`;
const TAGS = 'Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa'.split(' ');

describe('chunkDocument on the seed corpus', () => {
  it('gives exact slices of the cleaned text within the model window, numbered in order', () => {
    for (const { doc, chunks } of seed) {
      expect(chunks.length, doc.docId).toBeGreaterThan(0);
      chunks.forEach((c, n) => {
        expect(c.chunkId).toBe(`${doc.docId}#${n}`);
        expect(c.docId).toBe(doc.docId);
        expect(doc.text.slice(c.start, c.end)).toBe(c.text);
        expect(c.tokens).toBe(countTokens(c.text));
        expect(c.tokens).toBeLessThanOrEqual(CHUNKING.maxTokens);
      });
    }
  });

  it('covers every sentence of every document, cutting only between sentences', () => {
    for (const { doc, chunks } of seed) {
      for (const s of splitSentences(doc.text)) {
        // a sentence longer than the window would be cut; the seed has none
        expect(chunks.some((c) => c.start <= s.start && s.end <= c.end), `${doc.docId}: ${s.text.slice(0, 60)}`).toBe(true);
      }
      for (const c of chunks) {
        expect(c.start === 0 || /\s/.test(doc.text[c.start - 1])).toBe(true);
        expect(c.end === doc.text.length || /[\s]/.test(doc.text[c.end])).toBe(true);
      }
    }
  });

  it('sizes chunks around the target without scraps', () => {
    for (const { doc, chunks } of seed) {
      const sizes = chunks.map((c) => c.tokens);
      if (chunks.length > 1) expect(Math.min(...sizes), doc.docId).toBeGreaterThanOrEqual(80);
      const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)];
      expect(median, doc.docId).toBeGreaterThanOrEqual(120);
      expect(median, doc.docId).toBeLessThanOrEqual(CHUNKING.targetTokens + 10);
    }
  });

  it('labels chunks with their section, opens each section with its heading and flags the references', () => {
    const paper = seed.find((p) => p.doc.docId === 'resistance-axis-iran-regional-policy-roomi')!;
    const { doc, chunks } = paper;
    for (const s of doc.sections) {
      const inside = chunks.filter((c) => c.start >= s.start && c.end <= s.end);
      expect(inside.length, s.heading).toBeGreaterThan(0);
      expect(inside.every((c) => c.section === s.heading && c.isReferences === s.isReferences)).toBe(true);
      expect(inside[0].text.startsWith(`${s.heading}\n\n`)).toBe(true);
    }
    expect(chunks.filter((c) => c.isReferences).map((c) => c.section)).toEqual(
      chunks.filter((c) => c.section === 'References').map(() => 'References'),
    );
    expect(chunks[0].section).toBeNull(); // title, authors and affiliations come before "Abstract"
    expect(chunks.some((c) => c.text === doc.sections[0].heading)).toBe(false);
  });
});

describe('chunkDocument rules', () => {
  it('cuts a long paragraph into equal parts that repeat one sentence across each cut', () => {
    const text = TAGS.slice(0, 12).map((t) => sentence(40, t)).join(' ');
    const chunks = chunkDocument(docOf(text), countTokens);
    expect(chunks.length).toBeGreaterThan(1);
    for (let i = 1; i < chunks.length; i++) {
      const prevLast = splitSentences(chunks[i - 1].text).at(-1)!.text;
      expect(splitSentences(chunks[i].text)[0].text).toBe(prevLast);
    }
    const sizes = chunks.map((c) => c.tokens);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(countTokens(sentence(40, 'Alpha')) + 1);
  });

  it('does not overlap across paragraph boundaries, and prefers them as cuts', () => {
    // paragraphs of 2 × 61 tokens: the goal (~183 tokens) would cut inside the second paragraph of a pair
    const paragraphs = TAGS.slice(0, 6).map((t) => `${sentence(60, t)} ${sentence(60, t.toUpperCase())}`);
    const chunks = chunkDocument(docOf(paragraphs.join('\n\n')), countTokens);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(TAGS.some((t) => c.text.startsWith(`${t} `)), c.text.slice(0, 20)).toBe(true);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i].start).toBeGreaterThan(chunks[i - 1].end);
  });

  it('splits a sentence longer than the window at clause boundaries, keeping offsets exact', () => {
    const clauses = Array.from({ length: 30 }, (_, i) => `clause${i} ${Array.from({ length: 14 }, (_, j) => `v${i}_${j}`).join(' ')}`);
    const text = `${clauses.join(', ')}.`;
    const chunks = chunkDocument(docOf(text), countTokens);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.tokens).toBeLessThanOrEqual(CHUNKING.maxTokens);
      expect(c.text).toMatch(/^clause\d+ /); // every piece starts at a clause
    }
    expect(chunks.at(-1)!.end).toBe(text.length);
  });

  it('cuts a single giant token by characters', () => {
    // the tokenizer reads a >100-character word as one unknown token, so the blob is made of punctuation
    const blob = 'x.'.repeat(600);
    const pieces = splitLongSpan(blob, 0, blob.length, countTokens, 256);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => blob.slice(p.start, p.end)).join('')).toBe(blob);
    for (const p of pieces) expect(countTokens(blob.slice(p.start, p.end))).toBeLessThanOrEqual(256);
  });

  it('never makes a chunk of a heading alone: an empty section opens the next one, which labels the chunk', () => {
    const text = `Part Two\n\nChapter Three\n\n${sentence(40, 'Alpha')}\n\nClosing Remarks\n\n${sentence(40, 'Bravo')}`;
    const chunks = chunkDocument(docOf(text, ['Part Two', 'Chapter Three', 'Closing Remarks']), countTokens);
    expect(chunks.map((c) => [c.section, c.text.split('\n')[0]])).toEqual([
      ['Chapter Three', 'Part Two'],
      ['Closing Remarks', 'Closing Remarks'],
    ]);
  });

  it('labels a chunk with the section most of it sits under, not a one-line section carried into it', () => {
    const text = `1.1. Version\n\nThis is version 0.21, last updated in 2018.\n\n1.2. Terms\n\n${sentence(60, 'Alpha')} ${sentence(60, 'Bravo')}`;
    const chunks = chunkDocument(docOf(text, ['1.1. Version', '1.2. Terms']), countTokens);
    expect(chunks[0].text.startsWith('1.1. Version')).toBe(true);
    expect(chunks[0].section).toBe('1.2. Terms');
  });

  it('keeps page numbers of a PDF per chunk', async () => {
    const dir = path.join(ROOT, 'server/ingest/fixtures/corpus');
    const file = (await discoverCorpus(dir)).files.find((f) => f.relPath === 'groundwater-report.pdf')!;
    const { chunks } = await prepareDocument(file, countTokens);
    expect(chunks.map((c) => [c.section, c.page, c.isReferences])).toEqual([
      ['Abstract', 1, false],
      ['1. Introduction', 1, false],
      ['2. Methods', 2, false],
      ['References', 2, true],
    ]);
  });
});
