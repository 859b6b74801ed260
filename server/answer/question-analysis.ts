// What a question asks for: the expected kind of answer (from its wh-word and type noun), the entities it is
// about, and the relation/focus words a sentence must state to answer it. Rules on the question's form only:
// no word lists of any corpus.
import { QUESTION_WORDS, words, type Word } from './terms.js';

/** date: a time or date; number: a count, amount or measure; person: a person or organisation; place: a
 * location; entity: a named thing of the kind the question names; none: an explanation or description. */
export type AnswerType = 'date' | 'number' | 'person' | 'place' | 'entity' | 'none';

export interface QuestionAnalysis {
  question: string;
  type: AnswerType;
  /** names, acronyms and numbers the question mentions (what it is about) */
  entities: Word[];
  /** the other content words: the relation or attribute asked for ("population", "told", "ended") */
  focus: Word[];
  /** entities + focus, in question order */
  content: Word[];
}

const DATE_NOUNS = new Set(['year', 'years', 'date', 'dates', 'century', 'centuries', 'decade', 'decades', 'month', 'day', 'time', 'era', 'period', 'age']);
const NUMBER_NOUNS = new Set([
  'number', 'population', 'percentage', 'percent', 'proportion', 'share', 'amount', 'cost', 'price', 'size', 'area',
  'height', 'length', 'distance', 'weight', 'total', 'count', 'rate', 'value', 'speed', 'temperature', 'budget',
]);
const PLACE_NOUNS = new Set([
  'country', 'countries', 'city', 'cities', 'state', 'states', 'place', 'places', 'location', 'region', 'regions',
  'continent', 'town', 'village', 'capital', 'province', 'area', 'river', 'island', 'county', 'territory', 'nation',
]);
const PERSON_NOUNS = new Set(['person', 'people', 'man', 'woman', 'leader', 'president', 'author', 'writer', 'scientist', 'king', 'queen']);
// "how" followed by these asks for a quantity ("how long", "how far"); "how old" included.
const HOW_QUANTITY = new Set(['many', 'much', 'long', 'far', 'old', 'large', 'big', 'tall', 'high', 'often', 'few', 'wide', 'deep', 'heavy', 'fast']);
// Light verbs and auxiliaries after "what": "what did X say" asks for a statement, not a typed entity.
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'has', 'have', 'had', 'can', 'could', 'would', 'will', 'should', 'might', 'may']);

function typeOfNoun(noun: string | undefined): AnswerType | null {
  if (!noun) return null;
  if (DATE_NOUNS.has(noun)) return 'date';
  if (NUMBER_NOUNS.has(noun)) return 'number';
  if (PLACE_NOUNS.has(noun)) return 'place';
  if (PERSON_NOUNS.has(noun)) return 'person';
  return null;
}

/** The expected answer type from the wh-word and the noun that follows it (or, for "what is the X of", X). */
function answerType(ws: Word[]): AnswerType {
  const lower = ws.map((w) => w.lower);
  const i = lower.findIndex((w) => QUESTION_WORDS.has(w));
  if (i < 0) return 'none';
  const wh = lower[i];
  const next = lower[i + 1];
  if (wh === 'when') return 'date';
  if (wh === 'where') return 'place';
  if (wh === 'who' || wh === 'whom' || wh === 'whose') return 'person';
  if (wh === 'why') return 'none';
  if (wh === 'how') return HOW_QUANTITY.has(next) ? 'number' : 'none';
  // what / which
  if (next && !AUXILIARIES.has(next)) {
    // "what year", "which country", "in what part of the city": the word (or the noun after an adjective) names the kind
    const t = typeOfNoun(next) ?? typeOfNoun(lower[i + 2]);
    if (t) return t;
    return 'entity';
  }
  // "what is the population of …", "what was the name of the …": the head noun after the determiner
  const det = lower.slice(i + 2, i + 5).findIndex((w) => w !== 'the' && w !== 'a' && w !== 'an');
  const head = det >= 0 ? lower[i + 2 + det] : undefined;
  return typeOfNoun(head) ?? 'none';
}

/** Positions of the words that only say what kind of answer is wanted: "how many", "what year", "which day". */
function answerTypeWords(ws: Word[]): Set<number> {
  const out = new Set<number>();
  const i = ws.findIndex((w) => QUESTION_WORDS.has(w.lower));
  if (i < 0) return out;
  const next = ws[i + 1]?.lower;
  if (ws[i].lower === 'how' && HOW_QUANTITY.has(next)) out.add(i + 1);
  if ((ws[i].lower === 'what' || ws[i].lower === 'which') && typeOfNoun(next)) out.add(i + 1);
  return out;
}

export function analyzeQuestion(question: string): QuestionAnalysis {
  const ws = words(question);
  const typeWords = answerTypeWords(ws);
  const content = ws.filter((w, i) => !w.stopword && !typeWords.has(i) && !(i === 0 && QUESTION_WORDS.has(w.lower)));
  // The first word is capitalised by sentence case, not because it is a name.
  const isEntity = (w: Word) => w.numeric || (w.capitalized && !(w.start === ws[0]?.start && !/\p{Lu}.*\p{Lu}/u.test(w.text)));
  return {
    question,
    type: answerType(ws),
    entities: content.filter(isEntity),
    focus: content.filter((w) => !isEntity(w)),
    content,
  };
}
