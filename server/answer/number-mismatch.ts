// Does a sentence state a different number than the one the question is about? "What book were Iqbal's eight
// English lectures published as?" is not answered by "Iqbal's seven English lectures were published…", nor "Which
// historian was popular in the 21st century?" by "During the 20th century, historians…". A question repeats the
// numbers of the facts it asks about (it cannot state the number it asks for), so a sentence that names another
// number of the same kind where the question's should be is about another fact ("…elections in 1994 canceled by?"
// over "…national elections in 1991 when voting was canceled by a military coup"). Crowd-written unanswerable
// questions are often made by changing a number; the cross-encoder reads "seven" and "eight" as near the same.

const CARDINAL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const ORDINAL_WORDS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const TOKEN = /\b(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th|['’]?s)?\b|\b([a-z]+)\b/gi;

interface NumberToken {
  value: string;
  kind: 'cardinal' | 'ordinal' | 'year' | 'decade';
}

/** The numbers a text states, as values of a kind: "eight" and "8" are the same cardinal, "21st" and "twenty-first"
 * not handled beyond twenty ("first".."twentieth"), "1950s" a decade. "one" is left out: "one of", "no one" state no
 * count. */
export function numbersIn(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1]) {
      const digits = m[1].replace(/,/g, '');
      const suffix = (m[2] ?? '').toLowerCase();
      if (/s$/.test(suffix)) {
        // "the 1950s", "the 1940's": a decade, told apart from other decades ("Where did France lose a war in the
        // 1940's?" over "…in Vietnam in the 1950s"); "the 80s" names no century
        if (/^(1[0-9]|20)\d0$/.test(digits)) out.push({ value: digits, kind: 'decade' });
        continue;
      }
      if (suffix) out.push({ value: digits, kind: 'ordinal' });
      else out.push({ value: digits, kind: /^(1[0-9]|20)\d\d$/.test(m[1]) ? 'year' : 'cardinal' });
      continue;
    }
    const w = m[3].toLowerCase();
    const c = CARDINAL_WORDS.indexOf(w);
    if (c > 1) out.push({ value: String(c), kind: 'cardinal' });
    const o = ORDINAL_WORDS.indexOf(w);
    if (o > 0 && w !== 'second') out.push({ value: String(o), kind: 'ordinal' }); // "second" is also a unit of time
  }
  return out;
}

/** 1 when the question states a number that `sentence` lacks while stating another of the same kind; else 0. */
export function numberMismatch(question: string, sentence: string): number {
  // an ordinal in a question is often the slot it asks about ("…then Asia, but what continent was third?" over
  // "first in the Americas, second in Asia…"), so only counts and years are compared
  const asked = numbersIn(question).filter((n) => n.kind !== 'ordinal');
  if (!asked.length) return 0;
  const stated = numbersIn(sentence);
  const has = (n: NumberToken) => stated.some((s) => s.kind === n.kind && s.value === n.value);
  return asked.some((n) => !has(n) && stated.some((s) => s.kind === n.kind)) ? 1 : 0;
}
