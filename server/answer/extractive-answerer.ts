// The offline answerer: quotes the sentences of the retrieved passages that state what is asked, each followed by
// [n], or abstains when none does. Sentences are ranked by the answer selector (rank-sentences.ts); whether to
// answer is decided by answer-decision.ts. A multi-part question is answered part by part: a part the documents
// do not answer is said to be unanswered while the others are answered; a question about a document itself is
// answered from its metadata record.
import type { Passage } from '../contract.js';
import { asksAboutSources, candidateSentences } from './candidate-sentences.js';
import { asksForList } from './list-question.js';
import { attachCitations } from './citations.js';
import { withoutReferenceMarkers } from '../text/reference-markers.js';
import type { TextEmbedder } from './embedding-memo.js';
import { decide, loadDecisionModels, type Decision, type DecisionModel } from './answer-decision.js';
import { cosine, DECISION_SHORTLIST, rankSentences, type RankedSentence } from './rank-sentences.js';
import type { AnswerSelector } from './selector/answer-selector.js';
import { statedSupport } from './stated-support.js';
import { namedSource } from './source-clause.js';
import { checkSupport } from './support-check.js';
import { ABSTENTION_TEXT, type AnswerEvent, type AnswerInput, type AnswerPart, type AnswerResult, type Answerer } from './types.js';

export interface ExtractiveDeps {
  /** null: lexical shortlist only */
  embedder: TextEmbedder | null;
  /** null: no selector (ranked by the shortlist score, the cruder decision model) */
  selector: AnswerSelector | null;
  /** the decision model to use (default: the committed one for the selector's presence) */
  decision?: DecisionModel;
  /** most sentences quoted for one question (part) */
  maxSentences?: number;
}

const DEFAULT_MAX_SENTENCES = 3;
const LIST_MAX_SENTENCES = 6;
const LIST_KEEP_WITHIN_FACTOR = 1.6;
// ... but each item's sentence is still one the selector rates near the best: on the sets' list questions, no
// sentence more than 2.5 logits below the best added an expected fact, and such sentences were most of what a list
// answer quoted ("In other words, the Hezbollah model is being implemented in Iraq." for the weapons in a cache)
const LIST_MAX_LOGIT_GAP = 2.5;
// Two sentences this close say the same thing (chunks overlap; documents repeat themselves).
const DUPLICATE_COSINE = 0.92;
const DUPLICATE_JACCARD = 0.8;

export function decisionModelFor(deps: Pick<ExtractiveDeps, 'selector' | 'decision'>): DecisionModel {
  if (deps.decision) return deps.decision;
  const models = loadDecisionModels();
  return deps.selector ? models.withSelector : models.withoutSelector;
}

const squeezed = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function isDuplicate(a: RankedSentence, b: RankedSentence): boolean {
  if (a.vector && b.vector && cosine(a.vector, b.vector) >= DUPLICATE_COSINE) return true;
  // one holds the other: a subtitle that repeats the start of a body sentence
  const [ta, tb] = [squeezed(a.text), squeezed(b.text)];
  if (ta.includes(tb) || tb.includes(ta)) return true;
  const sa = new Set(a.words.filter((w) => !w.stopword).map((w) => w.stem));
  const sb = new Set(b.words.filter((w) => !w.stopword).map((w) => w.stem));
  const inter = [...sa].filter((x) => sb.has(x)).length;
  return inter / Math.max(1, sa.size + sb.size - inter) >= DUPLICATE_JACCARD;
}

export interface PartAnswer {
  part: AnswerPart;
  ranked: RankedSentence[];
  decision: Decision;
  /** quoted sentences, in answer order; empty = this part is not answered */
  quoted: RankedSentence[];
}

export interface PickOptions {
  maxSentences?: number;
  /** the question asks for several things (list-question.ts): every sentence naming one is quoted, up to
   * LIST_MAX_SENTENCES, and a list's lead-in ("…three kinds of triggers:") brings its items */
  list?: boolean;
}

/** The sentences to quote for one ranked question: the best, then others the selector also rates as answers, in
 * its order. */
export function pickSentences(ranked: RankedSentence[], model: DecisionModel, options: PickOptions = {}): RankedSentence[] {
  const [best] = ranked;
  if (!best) return [];
  const max = options.list ? LIST_MAX_SENTENCES : (options.maxSentences ?? DEFAULT_MAX_SENTENCES);
  // a list's items sit in sentences the selector rates a little lower than the best one (each names one item)
  const within = options.list ? model.keepWithin * LIST_KEEP_WITHIN_FACTOR : model.keepWithin;
  const byPlace = new Map(ranked.map((r) => [`${r.passage}:${r.position}`, r]));
  const picked = [best];
  const take = (s: RankedSentence) => {
    // a picked fragment that this sentence completes ("…Russia uses its foreign policy tools to their benefit", a
    // subtitle, and the body sentence that goes on ", including arms sales…") gives way to it, in its place
    const fragment = picked.findIndex((p) => p !== s && squeezed(s.text).includes(squeezed(p.text)) && s.text.length > p.text.length);
    if (fragment >= 0 && !picked.includes(s)) picked[fragment] = s;
    else if (picked.length < max && !picked.some((p) => p === s || isDuplicate(p, s))) picked.push(s);
  };
  for (const s of ranked.slice(1)) {
    if (picked.length >= max) break;
    if (s.selector === null || best.selector === null) break;
    if (s.score < best.score - within) break;
    if (s.selector < model.keepLogit) continue;
    if (options.list && s.selector < best.selector - LIST_MAX_LOGIT_GAP) continue;
    take(s);
  }
  // "…three kinds of triggers:" says there is a list; its items are the list-item candidates after it (in its block
  // or the next one). Quoted for a list question (whichever quoted sentence the lead-in is: "What conditions must be
  // met…?" quoted "…meet the following conditions:" third, after one of its items), and for any question whose only
  // running-text sentence is the lead-in.
  // (a lead-in below the best one says so with its colon: a code line before a code block is no lead-in)
  const leadsAlone = best.leadIn && picked.filter((p) => p.kind === 'sentence').length === 1;
  const lead = options.list ? (best.leadIn ? best : picked.find((p) => p.leadIn && /:\s*$/.test(p.text))) : leadsAlone ? best : undefined;
  if (lead) {
    const room = Math.max(max, LIST_MAX_SENTENCES);
    const items: RankedSentence[] = [];
    let inList = false;
    for (let pos = lead.position + 1; items.length < room - 1; pos++) {
      const item = byPlace.get(`${lead.passage}:${pos}`);
      if (!item || item.block > lead.block + 1) break;
      // running text after the list's block has begun ends it, unless it continues an item ("- Proxy wars frustrate
      // the rival. Involving it…": the item's later sentences are skipped, the next item is quoted)
      if (item.kind === 'sentence' && item.block !== lead.block && !(item.block === lead.block + 1 && inList)) break;
      if (item.kind === 'list-item' || item.kind === 'code') {
        inList = true;
        items.push(item);
      }
    }
    // the best sentence, the lead-in and its items right after it, then what else was picked, as room allows
    const first = [...new Set([best, lead])].filter((p) => !items.includes(p));
    return withAntecedents([...first, ...items, ...picked.filter((p) => !first.includes(p) && !items.includes(p))].slice(0, room), ranked, byPlace);
  }
  // Best first: the order is the selector's judgement of which sentence states the answer.
  return withAntecedents(picked, ranked, byPlace);
}

/** A sentence that opens by pointing back with a demonstrative: "This group can write to /run/utmp…", "Members of
 * this group can read…", "These weapons…". Not a personal pronoun ("It was…", "He…"): with those, bringing the sentence
 * before put the SQuAD answer sentence third more often than it helped (gold in the first two 0.841 → 0.831). */
const POINTS_BACK = /^(?:(?:members|most|some|all|each|many|none|part|much|one) of )?(?:this|these|those|such)\b/i;
/** at most this many sentences are added for what others point back to */
const MAX_ANTECEDENTS = 2;

/**
 * A quoted sentence that opens by pointing back ("Members of this group can read many log files in /var/log") is
 * quoted after the sentence before it in its paragraph ("Group adm is used for system monitoring tasks."): the
 * selector judged it with that sentence as context, and a reader needs it as much to know what "this group" is. So is
 * one that takes the date a question asks for from the sentence before (RankedSentence.typeFromPrevious), which may
 * end the paragraph before. A sentence quoted anyway is moved up; at most MAX_ANTECEDENTS are added.
 */
function withAntecedents(quoted: RankedSentence[], ranked: readonly RankedSentence[], byPlace: ReadonlyMap<string, RankedSentence>): RankedSentence[] {
  const out: RankedSentence[] = [];
  let added = 0;
  for (const s of quoted) {
    // a date the question asks for may be stated in the paragraph before ("In July 2015, …" on a line of its own);
    // what a demonstrative points back to, in the same paragraph
    const before = s.kind === 'sentence' ? sentenceBefore(s, ranked, byPlace, s.typeFromPrevious) : undefined;
    if (
      (POINTS_BACK.test(s.text) || s.typeFromPrevious) &&
      before &&
      before.kind === 'sentence' &&
      // one that points back itself ("They are melding into state institutions.") names nothing either
      !POINTS_BACK.test(before.text) &&
      !out.includes(before) &&
      // quoted anyway (further down): moved up, before the sentence that needs it
      (quoted.includes(before) || added < MAX_ANTECEDENTS)
    ) {
      if (!quoted.includes(before)) added++;
      out.push(before);
    }
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The sentence right before `s` (in its paragraph, unless `acrossParagraphs`): in its own passage, or, for a
 * passage's first sentence, the one that ends where it starts in another retrieved passage of its document
 * (CandidateSentence.before). */
function sentenceBefore(
  s: RankedSentence,
  ranked: readonly RankedSentence[],
  byPlace: ReadonlyMap<string, RankedSentence>,
  acrossParagraphs: boolean,
): RankedSentence | undefined {
  const inPassage = byPlace.get(`${s.passage}:${s.position - 1}`);
  if (inPassage) return acrossParagraphs || inPassage.block === s.block ? inPassage : undefined;
  if (!s.before) return undefined;
  // one space or line break between the two: the same paragraph; a blank line: the paragraph before
  const gap = acrossParagraphs ? 3 : 1;
  return ranked.find((r) => r.docId === s.docId && r.text === s.before && r.docStart < s.docStart && s.docStart - (r.docStart + r.text.length) <= gap);
}

/** Ranks, decides and picks for one question (part) over the passages. */
export async function answerPart(part: AnswerPart, passages: Passage[], deps: ExtractiveDeps, signal?: AbortSignal): Promise<PartAnswer> {
  // "…, according to Avdaliani?", "What does the Roomi paper say about Hamas?": the passages were retrieved for the whole
  // question; the sentences are judged against what it asks of the documents it names, and only theirs are quoted
  // (source-clause.ts)
  const source = namedSource(part.question, passages);
  const all = candidateSentences(passages, { bibliography: asksAboutSources(part.question) });
  // (a named document none of whose passages was retrieved, NOT_RETRIEVED, leaves nothing to quote)
  const candidates = source.docIds.size ? all.filter((c) => source.docIds.has(c.docId)) : all;
  const model = decisionModelFor(deps);
  const asked = source.asked;
  const options = { ...deps, cosineWeight: model.cosineWeight, typePenalty: model.typePenalty, overlapWeight: model.overlapWeight ?? 0, signal };
  // The decision reads the shortlist's first DECISION_SHORTLIST sentences (rank-sentences.ts): they are scored and
  // decided on first, and the selector reads the rest of the shortlist only for an answer's quotes (its scores of
  // the first ones are memoised), so an abstention costs half the model time. Without the embedding model the cosine
  // signal is unknown: the decision uses its mean over the fit rows.
  const decisive = await rankSentences(asked, passages, candidates, { ...options, shortlist: DECISION_SHORTLIST });
  const decision = decide(model, asked, passages, decisive.filter((s) => s.decisive), deps.embedder ? [] : ['cosine']);
  if (decision.verdict === 'abstain') return { part, ranked: decisive, decision, quoted: [] };
  const ranked = deps.selector ? await rankSentences(asked, passages, candidates, options) : decisive;
  const quoted = pickSentences(ranked, model, { maxSentences: deps.maxSentences, list: asksForList(part.question) });
  return { part, ranked, decision, quoted };
}

export function abstention(answerer: string, warnings: string[] = []): AnswerResult {
  return { answer: ABSTENTION_TEXT, citations: [], abstained: true, warnings, answerer };
}

const unanswered = (question: string) => `The documents in the corpus do not answer this part of the question: "${question.trim()}"`;

/** The extractive answer for one question (no streaming): what the generative answerer falls back to. */
export async function answerExtractively(input: AnswerInput, deps: ExtractiveDeps): Promise<AnswerResult> {
  const parts = input.parts?.length ? input.parts : [{ question: input.question }];
  const pieces: string[] = [];
  let answered = 0;
  let uncertain = false;
  const said = new Set<string>();
  for (const part of parts) {
    if (input.signal?.aborted) break;
    if (part.document) {
      if (!part.document.known) {
        // the record lacks it: said plainly, nothing cited
        pieces.push(part.document.statement);
        continue;
      }
      pieces.push(`${part.document.statement} [${part.document.passage + 1}]`);
      answered++;
      continue;
    }
    const r = await answerPart(part, input.passages, deps, input.signal);
    if (!r.quoted.length) {
      pieces.push(unanswered(part.question));
      continue;
    }
    answered++;
    if (r.decision.verdict === 'uncertain') uncertain = true;
    // a sentence an earlier part already quoted answers this one too: said once
    const fresh = r.quoted.filter((s) => !said.has(s.text));
    fresh.forEach((s) => said.add(s.text));
    if (fresh.length) pieces.push(fresh.map((s) => `${s.kind === 'code' ? s.text : withoutReferenceMarkers(s.text)} [${s.passage + 1}]`).join(' '));
  }
  // nothing answered: an abstention, in the words of the record when it is a question about a document
  if (!answered) return { ...abstention('extractive'), ...(parts.every((p) => p.document) ? { answer: pieces.join(' ') } : {}) };
  // a statement made from a record or from a document's lines is supported where it was made (stated-support.ts)
  const stated = statedSupport(parts, input.passages);
  const cited = await attachCitations(
    pieces.join(' '),
    input.passages,
    async (sentence, passage) => stated(sentence, passage) ?? checkSupport(sentence, passage, { embedder: deps.embedder }),
  );
  return { answer: cited.answer, citations: cited.citations, abstained: false, uncertain, warnings: cited.warnings, answerer: 'extractive' };
}

export function createExtractiveAnswerer(deps: ExtractiveDeps): Answerer {
  return {
    id: 'extractive',
    async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
      const result = await answerExtractively(input, deps);
      if (input.signal?.aborted) return;
      // The whole answer is known at once; one token per sentence lets a streaming client render it the same way.
      const pieces = result.answer.split(/(?<=\])[ ]+/);
      for (const [i, piece] of pieces.entries()) yield { type: 'token', text: i < pieces.length - 1 ? `${piece} ` : piece };
      yield { type: 'final', result };
    },
  };
}
