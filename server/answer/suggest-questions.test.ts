// The start page's example questions, derived from the indexed seed corpus and asked through the whole pipeline:
// a suggestion the assistant cannot answer would be the first thing a new user sees fail.
import { describe, expect, it } from 'vitest';
import { CORPUS_SUGGESTIONS, shortTitle, suggestQuestions } from './suggest-questions.js';
import { useSeedEngine } from '../testing/seed-engine.js';

const seed = useSeedEngine();

describe('suggested questions', () => {
  it('come from the indexed documents, one per document, and each gets a cited answer', async () => {
    const docs = seed.engine.listDocuments().map((meta) => ({ meta, sections: seed.engine.getDocument(meta.docId).sections }));
    const questions = suggestQuestions(docs);
    expect(questions).toHaveLength(3);
    // each names a different document by its (short) title
    for (const d of docs) expect(questions.filter((q) => q.includes(shortTitle(d.meta.title))).length).toBe(1);
    for (const question of questions) {
      const r = await seed.engine.chat({ question, history: [] });
      expect(r.abstained, question).toBe(false);
      expect(r.citations.length, question).toBeGreaterThan(0);
    }
  });

  it('about the whole corpus, which fill up a short list, each get one citation per document', async () => {
    for (const question of CORPUS_SUGGESTIONS) {
      const r = await seed.engine.chat({ question, history: [] });
      expect([question, r.abstained, new Set(r.citations.map((c) => c.docId)).size]).toEqual([question, false, 3]);
    }
  });

  it('skip headings that only say where one is, and titles are cut at the subtitle', () => {
    const meta = { docId: 'a', title: 'Groundwater in Dry Regions: A Survey of Recharge', authors: [], date: null, publisher: null };
    const qs = suggestQuestions([{ meta, sections: [{ heading: '1. Introduction' }, { heading: '2. Recharge from monsoon rain' }, { heading: 'Wells Of The Sahel' }] }], 1);
    expect(qs).toEqual(['What does “Groundwater in Dry Regions” say about recharge from monsoon rain?']);
    expect(suggestQuestions([{ meta, sections: [{ heading: 'References', isReferences: true }] }], 1)).toEqual(['What is this collection about?']);
  });
});

describe('suggestions for documents that say little', () => {
  const meta = (docId: string, o: Partial<{ title: string; authors: string[]; date: string | null; publisher: string | null }> = {}) => ({
    docId, title: `Document ${docId}`, authors: [], date: null, publisher: null, ...o,
  });

  it('come from the metadata of documents whose sections were not fetched', () => {
    const qs = suggestQuestions([
      { meta: meta('a'), sections: [{ heading: 'Introduction' }] },
      { meta: meta('b', { authors: ['Ana Lima'] }) },
      { meta: meta('c', { date: '2021-03' }) },
      { meta: meta('d', { publisher: 'Port Gazette' }) },
    ]);
    expect(qs).toEqual(['Who wrote “Document b”?', 'When was “Document c” published?', 'Who published “Document d”?']);
  });

  it('are filled up with questions about the whole corpus, and never ask who published what no publisher is', () => {
    const qs = suggestQuestions([
      { meta: meta('a', { publisher: 'research paper, pp. 521-542' }), sections: [{ heading: 'Abstract¶' }, { heading: '1. Copyright¶' }] },
      { meta: meta('b', { title: 'Debian Python Policy' }), sections: [{ heading: '2. Completing the move to Python 3¶' }] },
    ]);
    expect(qs).toEqual(['What does “Debian Python Policy” say about Completing the move to Python 3?', 'What is this collection about?', 'Which documents are in the corpus?']);
    expect(suggestQuestions([])).toEqual([]);
  });
});

describe('short titles', () => {
  it('keep a title of up to twelve words, and cut a longer one where a phrase starts', () => {
    expect(shortTitle("Russia Increases Ties With Iran's Axis Of Resistance – Analysis")).toBe("Russia Increases Ties With Iran's Axis Of Resistance");
    expect(shortTitle('Russia and Iran converge in the Middle East as Soleimani stands at the nexus of resistance axis')).toBe(
      'Russia and Iran converge in the Middle East as Soleimani stands…',
    );
  });
});
