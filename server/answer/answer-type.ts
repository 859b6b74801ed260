// What kind of thing a question asks for, when its form says so, and whether a sentence states one: "how many" or
// "what was the budget" needs a number, "in what year" a year, "when" a date, "where" / "which city" a name, "what did X tell Y" reported
// speech. A sentence about the right event that lacks it ("Israel found a large cache of Russian arms" for "how
// many weapons…") does not answer. General English question forms only; the decision model (answer-decision.ts)
// learns how much a missing answer type weighs.
import { words } from './terms.js';

export type AnswerType = 'count' | 'year' | 'date' | 'place' | 'speech';

const PLACE_NOUNS = 'city|cities|town|country|countries|capital|region|province|state|place|location|village|island|continent|territory|port|district|area';
const DATE_NOUNS = 'year|years|month|date|day|decade|century|time|period|season';
// "when" and "where" ask only as question words, which an auxiliary follows ("When did…", "Prior to the final, when
// were…"); followed by a subject they open a clause of another question ("Who replaced Fox when he left?"), which
// typed 19 % of SQuAD v1.1 dev's date questions wrongly.
const AUX = 'is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must';
// what a question asking for an amount names: "What was the total value of the sales?" needs a number
const AMOUNT_NOUNS = 'value|cost|costs|budget|price|amount|sum|worth|size|population|revenue|income|salary|rate|percentage|share|proportion|number|total';
const SPEECH_VERBS = 'say|tell|promise|announce|state|declare|claim|reply|respond|warn|argue|suggest|propose|pledge|vow|write|ask';

const TYPE_PATTERNS: [AnswerType, RegExp][] = [
  [
    'count',
    new RegExp(
      `\\b(?:how many|how much|what (?:number|percentage|proportion|share|amount) of|how (?:long|old|far|large|big|tall|high|often)|what (?:is|was|are|were) (?:the|its|their|his|her) (?:(?:total|overall|annual|estimated|approximate|average) )?(?:${AMOUNT_NOUNS})\\b)`,
      'i',
    ),
  ],
  ['year', /\b(?:what|which) year\b/i],
  ['date', new RegExp(`\\b(?:when (?:${AUX})\\b|(?:in |on |during |by )?(?:what|which) (?:${DATE_NOUNS})\\b)`, 'i')],
  ['place', new RegExp(`\\b(?:where (?:${AUX})\\b|(?:in |to |at |from )?(?:what|which) (?:${PLACE_NOUNS})\\b)`, 'i')],
  ['speech', new RegExp(`\\bwhat (?:did|does|do|will|would) (?:[\\w'’-]+\\s+){1,5}?(?:${SPEECH_VERBS})\\b`, 'i')],
];

/** The answer type a question's form asks for, or null (why/how/what-is questions, and most others). */
export function answerType(question: string): AnswerType | null {
  for (const [type, re] of TYPE_PATTERNS) if (re.test(question)) return type;
  return null;
}

const MONTHS = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const DATE_WORDS = /\b(?:(?:1[0-9]|20)\d{2}s?|\d{1,2}(?:st|nd|rd|th)|century|centuries|decade|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|ago|bc|bce|ad)\b/i;
const NUMBER_WORDS =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|twice|percent)\b/i;
// lower case: "the United States" states nothing
const SPEECH = /\b(?:said|says|say|told|tells|tell|stated|states|announced|announces|declared|claimed|replied|responded|warned|argued|suggested|proposed|promised|pledged|vowed|wrote|asked|[Aa]ccording to)\b/;
// a quotation of someone's words, not a phrase in scare quotes ("their support of this “arc of influence”"): four words
// or more between the marks
const QUOTATION = /["“][^"“”]*?(?:\S+\s+){3,}\S+[^"“”]*?["”]/;

const CITATION = /\([^()]*,\s*(?:1\d|20)\d{2}(?:\/\d{3,4})?(?::\s*\d+(?:[–-]\d+)?)?\)/g;

const stemsOf = (text: string) => new Set(words(text).map((w) => w.stem));

// "one" that counts nothing: "one day", "one another", "one of them", "no one", "the one that…"
const ONE_AFTER = /^(?:day|time|another|way|hand|side|of|point|thing|reason)$/i;
const ONE_BEFORE = /^(?:no|any|every|some|each|the|this|that|which|someone|anyone|everyone)$/i;
const isPronounOne = (before: string | undefined, after: string | undefined) => (!!after && ONE_AFTER.test(after)) || (!!before && ONE_BEFORE.test(before));

/** Does `sentence` state something of `type` that the question does not already contain? */
export function statesAnswerType(type: AnswerType, sentence: string, question: string): boolean {
  const asked = stemsOf(question);
  const fresh = (re: RegExp) => words(sentence).some((w) => re.test(w.text) && !asked.has(w.stem));
  switch (type) {
    case 'count': {
      // an author-year citation's numbers ("(Yaghoubi, 2008/1387: 233)") are a reference, not an amount
      const ws = words(sentence.replace(CITATION, ' '));
      // a quantity, not a date: "November 19", "2015", "1395" (a solar-hijri year beside it) and "19th" state when, not
      // how many (a four-digit 1000–2099 is a year; on SQuAD v1.1 dev this costs 3 of 1,033 answer sentences)
      const number = new RegExp(`^(?:${NUMBER_WORDS.source})$`, 'i');
      const month = new RegExp(`^(?:${MONTHS.source})$`, 'i');
      const isMonth = (i: number) => !!ws[i] && ws[i].capitalized && month.test(ws[i].text);
      return ws.some(
        (w, i) =>
          number.test(w.text) &&
          !asked.has(w.stem) &&
          !/^(?:1\d|20)\d{2}$/.test(w.text) &&
          !isMonth(i - 1) &&
          !isMonth(i + 1) &&
          !(w.text.toLowerCase() === 'one' && isPronounOne(ws[i - 1]?.text, ws[i + 1]?.text)),
      );
    }
    case 'year':
      // "which year" is not answered by "November 19": a year, a decade or a century
      return words(sentence).some((w) => !asked.has(w.stem) && /^c?(?:1[0-9]|2[01])\d{2}s?$|^(?:century|centuries|decade)$/i.test(w.text));
    case 'date': {
      const month = new RegExp(`^(?:${MONTHS.source})$`, 'i');
      const date = new RegExp(`^(?:${DATE_WORDS.source})$`, 'i');
      return words(sentence).some((w) => !asked.has(w.stem) && (date.test(w.text) || (w.capitalized && month.test(w.text))));
    }
    case 'place': {
      // a capitalised word that is not the sentence's first and not in the question: a name
      const ws = words(sentence);
      return ws.some((w, i) => i > 0 && w.capitalized && !w.numeric && !asked.has(w.stem));
    }
    case 'speech':
      return SPEECH.test(sentence) || QUOTATION.test(sentence);
  }
}
