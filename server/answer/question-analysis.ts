// What a question asks for: the expected kind of answer (from its wh-word and type noun), the entities it is
// about, and the relation/focus words a sentence must state to answer it. Rules on the question's form only:
// no word lists of any corpus.
import { tagsOf } from './answer-candidates.js';
import { QUESTION_WORDS, words, type Word } from './terms.js';

/** date: a time or date; number: a count, amount or measure; person: a person or organisation; place: a
 * location; entity: a named thing of the kind the question names; none: an explanation or description. */
export type AnswerType = 'date' | 'number' | 'person' | 'place' | 'entity' | 'none';

/** The finer kind of a date or quantity question, each with a pattern the answering sentence shows
 * (answer-candidates.ts `hasQuantity`): "what year" → year, "how many X" → count, "how much money" → money. */
export type QuantityKind = 'date' | 'year' | 'count' | 'money' | 'percent' | 'duration' | 'age' | 'measure' | 'quantity';

export interface QuestionAnalysis {
  question: string;
  type: AnswerType;
  /** names, acronyms and numbers the question mentions (what it is about) */
  entities: Word[];
  /** the other content words: the relation or attribute asked for ("population", "told", "ended") */
  focus: Word[];
  /** entities + focus, in question order */
  content: Word[];
  /** the finer kind of a date/number question; null for other questions */
  quantity: QuantityKind | null;
  /** the head noun of the asked-for phrase: "how many Iranian troops" → troops, "which airline" → airline */
  askedNoun: Word | null;
  /** the question asks what someone said (say, tell, promise…): the answer must report speech */
  asksForSpeech: boolean;
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
// Nouns after "how much" that ask for money; verbs that make "how much did it cost" a money question.
const MONEY_WORDS = new Set(['money', 'cash', 'funding', 'funds', 'fund', 'aid', 'revenue', 'revenues', 'income', 'profit', 'profits', 'budget', 'cost', 'costs', 'price', 'prices', 'salary', 'salaries', 'wage', 'wages', 'debt', 'loan', 'loans', 'investment', 'spending', 'fee', 'fees', 'tax', 'taxes', 'subsidy', 'subsidies', 'worth', 'pay', 'paid', 'spend', 'spent', 'earn', 'earned', 'owe', 'charge', 'charged', 'donate', 'donated', 'sell', 'sold', 'buy', 'bought']);
const PERCENT_NOUNS = new Set(['percentage', 'percent', 'proportion', 'share', 'fraction', 'portion', 'majority']);
const TIME_UNITS = new Set(['second', 'seconds', 'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'decade', 'decades', 'time']);
const MEASURE_WORDS = new Set(['far', 'tall', 'high', 'large', 'big', 'wide', 'deep', 'heavy', 'fast', 'long']);
// Verbs of speech in base form: "what did X say/promise" is answered only by a sentence that reports speech.
const SPEECH_BASE_FORMS = new Set(
  ('say tell promise announce state declare claim ask reply respond answer warn urge suggest propose demand insist ' +
    'assure pledge vow agree discuss explain argue offer order threaten predict recommend admit deny confirm').split(' '),
);
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

/** The noun phrase right after the wh-word ("which Russian missile systems were…", "how many Iranian troops are…"):
 * the run of content words up to the first function word, at most three; its last word is taken as the head. */
function askedPhrase(ws: Word[], question: string): Word[] {
  const i = ws.findIndex((w) => QUESTION_WORDS.has(w.lower));
  if (i < 0) return [];
  let j = i + 1;
  const wh = ws[i].lower;
  if (wh === 'how') {
    if (ws[j]?.lower !== 'many' && ws[j]?.lower !== 'much') return [];
    j++;
  } else if (wh !== 'what' && wh !== 'which') return [];
  const out: Word[] = [];
  // the phrase ends at its verb: "which airline carried the delegation" → airline
  const tags = tagsOf(question);
  const isVerb = (w: Word) => tags.get(w.lower)?.has('Verb') ?? false;
  for (; j < ws.length && out.length < 3 && !ws[j].stopword && !isVerb(ws[j]); j++) out.push(ws[j]);
  if (out.length || wh === 'how') return out;
  // "what is the population of …": the head noun after the copula and determiner
  if (!AUXILIARIES.has(ws[i + 1]?.lower ?? '')) return [];
  const k = ws.slice(i + 2, i + 5).findIndex((w) => w.lower !== 'the' && w.lower !== 'a' && w.lower !== 'an');
  const head = k >= 0 ? ws[i + 2 + k] : undefined;
  return head && !head.stopword && ws[i + 3 + k]?.lower === 'of' ? [head] : [];
}

/** "What did X say/promise/tell Y …": what + do-auxiliary, then (after the subject) a speech verb in base form. */
function asksForSpeech(ws: Word[]): boolean {
  const i = ws.findIndex((w) => QUESTION_WORDS.has(w.lower));
  if (i < 0 || ws[i].lower !== 'what' || !['did', 'does', 'do', 'will', 'would'].includes(ws[i + 1]?.lower ?? '')) return false;
  return ws.slice(i + 2).some((w) => SPEECH_BASE_FORMS.has(w.lower));
}

/** The finer kind of a date or number question, from its wh-phrase. */
function quantityKind(ws: Word[], type: AnswerType, phrase: Word[]): QuantityKind | null {
  if (type !== 'date' && type !== 'number') return null;
  const lower = ws.map((w) => w.lower);
  const i = lower.findIndex((w) => QUESTION_WORDS.has(w));
  const next = lower[i + 1];
  const head = phrase.at(-1)?.lower;
  if (type === 'date') return head === 'year' || head === 'years' ? 'year' : 'date';
  if (lower[i] === 'how') {
    if (next === 'many') return 'count';
    if (next === 'much') {
      if (head && TIME_UNITS.has(head)) return 'duration';
      return lower.some((w) => MONEY_WORDS.has(w)) ? 'money' : 'quantity';
    }
    if (next === 'long') return lower.slice(i + 2).some((w) => w === 'is' || w === 'was' || w === 'are') && !lower.some((w) => w === 'take' || w === 'took' || w === 'last' || w === 'lasted') ? 'measure' : 'duration';
    if (next === 'old') return 'age';
    if (MEASURE_WORDS.has(next)) return 'measure';
    return 'quantity';
  }
  if (phrase.some((w) => PERCENT_NOUNS.has(w.lower))) return 'percent';
  if (phrase.some((w) => MONEY_WORDS.has(w.lower))) return 'money';
  return 'quantity';
}

export function analyzeQuestion(question: string): QuestionAnalysis {
  const ws = words(question);
  const typeWords = answerTypeWords(ws);
  const content = ws.filter((w, i) => !w.stopword && !typeWords.has(i) && !(i === 0 && QUESTION_WORDS.has(w.lower)));
  // The first word is capitalised by sentence case, not because it is a name.
  const isEntity = (w: Word) => w.numeric || (w.capitalized && !(w.start === ws[0]?.start && !/\p{Lu}.*\p{Lu}/u.test(w.text)));
  const type = answerType(ws);
  const phrase = askedPhrase(ws, question);
  const focus = content.filter((w) => !isEntity(w));
  return {
    question,
    type,
    entities: content.filter(isEntity),
    focus,
    content,
    quantity: quantityKind(ws, type, phrase),
    askedNoun: phrase.at(-1) ?? null,
    asksForSpeech: asksForSpeech(ws),
  };
}
