// Citation quality in the ALCE sense (Gao et al. 2023, "Enabling Large Language Models to Generate Text with
// Citations", §4.3), plus the contract's citationPrecision. Whether passages support a sentence is decided by a
// SupportJudge: the answer path's own support check by default, an LLM judge when one is configured.
// Formulas: evals/README.md.
import { citedSentences as splitCited } from '../../server/answer/citations.js';
import { splitSentences } from '../../server/text/sentences.js';

export interface SupportJudge {
  /** names the judge in the report, e.g. "support-check" or "llm:gpt-4o-mini" */
  readonly id: string;
  /** whether the passages, read together, support the claim */
  supports(claim: string, passages: readonly string[]): Promise<boolean>;
}

/** A cited source as the metrics need it (a subset of the contract's Citation). */
export interface CitedPassage {
  n: number;
  docId: string;
  text: string;
}

export interface AnswerSentence {
  /** the sentence without its markers */
  text: string;
  /** the [n] numbers attached to it, ascending, without repeats */
  markers: number[];
}

export interface CitationPair {
  /** index into the answer's sentences */
  sentence: number;
  n: number;
  /** null when [n] refers to no citation */
  docId: string | null;
  /** the passage alone supports the sentence */
  supportsAlone: boolean;
  /** the passage is one of the case's expected sources */
  expectedSource: boolean;
  /** contract: points at an expected source or at a passage that supports the sentence */
  precise: boolean;
  /** ALCE: supports alone, or is needed for the support of the sentence's citations together */
  alcePrecise: boolean;
}

export interface CitationScores {
  sentences: (AnswerSentence & { supported: boolean })[];
  pairs: CitationPair[];
  /** contract citationPrecision: precise pairs / all pairs; null when nothing is cited */
  precision: number | null;
  /** ALCE citation precision: alcePrecise pairs / all pairs; null when nothing is cited */
  alcePrecision: number | null;
  /** ALCE citation recall: sentences whose citations together support them / all sentences; null without sentences */
  recall: number | null;
}

/**
 * Answer text → its sentences, each with the markers attached to it, split exactly as the answer path splits them
 * when it checks citations (server/answer/citations.ts): a marker that opens a sentence ("… Moscow. [1] Then")
 * belongs to the sentence before it, and a marker after a whole quoted sentence of its passage ends it.
 */
export function citedSentences(answer: string, citations: readonly CitedPassage[] = []): AnswerSentence[] {
  const quotes = new Map(citations.map((c) => [c.n, splitSentences(c.text).map((x) => x.text)]));
  return splitCited(answer, (n) => quotes.get(n) ?? []).map((s) => ({ text: s.text, markers: s.citations }));
}

function memoJudge(judge: SupportJudge) {
  const cache = new Map<string, Promise<boolean>>();
  return (claim: string, passages: readonly string[]) => {
    if (passages.length === 0) return Promise.resolve(false);
    const key = `${claim}\u0000${passages.join('\u0001')}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = judge.supports(claim, passages)));
    return hit;
  };
}

const ratio = (num: number, den: number) => (den ? num / den : null);

export async function scoreCitations(
  answer: string,
  citations: readonly CitedPassage[],
  expectedSources: readonly string[],
  judge: SupportJudge,
): Promise<CitationScores> {
  const supports = memoJudge(judge);
  const byN = new Map(citations.map((c) => [c.n, c]));
  const expected = new Set(expectedSources);
  const sentences: CitationScores['sentences'] = [];
  const pairs: CitationPair[] = [];
  for (const [i, sentence] of citedSentences(answer, citations).entries()) {
    const cited = sentence.markers.map((n) => byN.get(n)).filter((c): c is CitedPassage => c !== undefined);
    const allText = cited.map((c) => c.text);
    const supported = await supports(sentence.text, allText);
    sentences.push({ ...sentence, supported });
    for (const n of sentence.markers) {
      const c = byN.get(n);
      const supportsAlone = c ? await supports(sentence.text, [c.text]) : false;
      // ALCE: a citation that does not support alone still counts when the others cannot support without it.
      const needed =
        c !== undefined && !supportsAlone && supported && cited.length > 1
          ? !(await supports(sentence.text, cited.filter((o) => o !== c).map((o) => o.text)))
          : false;
      const expectedSource = c !== undefined && expected.has(c.docId);
      pairs.push({
        sentence: i,
        n,
        docId: c?.docId ?? null,
        supportsAlone,
        expectedSource,
        precise: expectedSource || supportsAlone,
        alcePrecise: supportsAlone || needed,
      });
    }
  }
  return {
    sentences,
    pairs,
    precision: ratio(pairs.filter((p) => p.precise).length, pairs.length),
    alcePrecision: ratio(pairs.filter((p) => p.alcePrecise).length, pairs.length),
    recall: ratio(sentences.filter((s) => s.supported).length, sentences.length),
  };
}
