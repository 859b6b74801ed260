// Does a question ask about something that did NOT happen, and does a sentence say anything is not so? "Who did not
// charter the East India Company?" is not answered by "The company was chartered by Elizabeth I": a sentence that
// states the affirmative fact answers the affirmative question, not its negation. Crowd-written unanswerable questions
// are often made this way (a quarter of SQuAD 2.0's on the two held-out fit articles hold a negation, against 0.5 % of
// the answerable ones), and a cross-encoder trained mostly on affirmative pairs scores the affirmative sentence high.
// The decision (answer-decision.ts) abstains when none of the three best sentences states a negative about what the
// question names.
import { words } from './terms.js';

const NEGATION = /\b(?:not|never|no|none|nothing|nobody|neither|nor|without|cannot)\b|n['’]t\b/i;
/** Cues a sentence uses to state a negative fact: the negations above, and verbs and words of refusal or absence. */
const NEGATIVE_STATEMENT =
  /\b(?:not|never|no|none|nothing|nobody|neither|nor|without|cannot|fail(?:s|ed|ure)?|refus\w*|reject\w*|declin\w*|den(?:y|ied|ies)|lack\w*|absen\w*|except\w*|only|unable|unwilling\w*|impossible|ban(?:s|ned)?|prohibit\w*|avoid\w*|ignor\w*|refrain\w*|abstain\w*|ceas\w*|halt\w*|stop(?:s|ped)?|withdr[ae]w\w*|exclud\w*|omit\w*|neglect\w*|oppos\w*|against|hardly|rarely|seldom|few|little|instead|rather)\b|n['’]t\b/i;
/** Where a subordinate clause starts: a negation after it qualifies a noun or gives a reason ("groups that do not
 * share its faith", "even though they are not Shiite"), it does not negate what is asked. */
const SUBORDINATE = /\b(?:that|which|whose|whom|because|although|though|while|whereas|unless|if|since|as)\b|,/i;

/** The question's main clause negates what it asks ("Who did not…", "What wasn't…", "…never attempted to…"). */
export function asksNegated(question: string): boolean {
  // quoted words are a name or a slogan ("the 'neither East nor West' slogan"), not the question's own negation
  const unquoted = question.replace(/["“”«»][^"“”«»]*["“”«»]|(?<!\w)['‘][^'‘’]*['’](?!\w)/g, ' ');
  // the question's own wh-phrase ("Which groups…", "In which year…") is no subordinate clause: its first three words
  // are read whatever they are
  const opening = /^\s*(?:\S+\s+){0,3}/.exec(unquoted)![0];
  const main = opening + unquoted.slice(opening.length).split(SUBORDINATE)[0];
  return NEGATION.test(main);
}

// How near a negative cue must sit to a word of the question (either side, in words). A sentence that negates
// something else ("The July 2015 trip was not a routine courtesy" for "Who did not meet Soleimani in Moscow?") does
// not answer the negated question. Measured on the held-out SQuAD 2.0 fit articles through the product pipeline,
// unanswerable questions abstained (the decision with the type and number checks): any cue in the sentence 0.423,
// within 10 words 0.437, 6 words 0.448, 3 words 0.459, each at 0.065–0.068 false abstention; on SQuAD v1.1 dev's 161 negated
// answerable questions, the answer sentence has no cue at all for 31, none within 6 words for 45, within 3 for 61.
const CUE_REACH = 6;
const NEGATIVE_CUES = new RegExp(NEGATIVE_STATEMENT.source, 'gi');

/** 1 when the question asks a negated thing and `sentence` states nothing negative near a word of the question (its
 * content words, stemmed); else 0. */
export function negationUnmatched(question: string, sentence: string): number {
  if (!asksNegated(question)) return 0;
  const asked = new Set(words(question).filter((w) => !w.stopword).map((w) => w.stem));
  const said = words(sentence);
  for (const cue of sentence.matchAll(NEGATIVE_CUES)) {
    const at = said.findIndex((w) => w.end > cue.index);
    if (at < 0) continue;
    if (said.slice(Math.max(0, at - CUE_REACH), at + CUE_REACH + 1).some((w) => asked.has(w.stem))) return 0;
  }
  return 1;
}

// A question word that negates a word of the sentence by its prefix: "What has Islamism been interdependent with
// following the non-Arab Spring?" over "Following the Arab Spring, …", "…played an unimportant role…" over "…played
// an important role…". Crowd-written unanswerable questions are made this way too, and word-piece models read the two
// alike. Measured on the held-out SQuAD 2.0 fit articles, checked on the best sentence: unanswerable questions
// abstained 0.448 → 0.470 (checked on the best three: 0.451), answerable ones refused unchanged; over SQuAD v1.1 dev, 11 of the 10,570 answer sentences
// are flagged (a question asking about "the incomplete pass" of a sentence saying "…the pass was complete").
const NEGATING_PREFIX = /^(?:non-?|un|in|im|il|ir|dis)(\p{L}{4,}.*)$/u;
const NEGATES_NEXT = /^(?:not|no|never|nor|neither|without|less)$|n['’]t$/;

/** The question's word that is a word of `sentence` negated by a prefix, when the sentence neither uses the prefixed
 * word nor negates the plain one ("not elected" says what "non-elected" does); else null. */
export function prefixNegated(question: string, sentence: string): string | null {
  const said = words(sentence);
  const stems = new Set(said.map((w) => w.stem));
  for (const w of words(question)) {
    if (w.stopword || stems.has(w.stem)) continue;
    const base = NEGATING_PREFIX.exec(w.lower)?.[1];
    const baseStem = base ? words(base)[0]?.stem : undefined;
    if (!baseStem || baseStem.length < 4 || !stems.has(baseStem)) continue;
    const negatedThere = said.some((x, i) => x.stem === baseStem && said.slice(Math.max(0, i - 3), i).some((y) => NEGATES_NEXT.test(y.lower)));
    if (!negatedThere) return w.text;
  }
  return null;
}
