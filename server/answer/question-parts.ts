// A question that asks two things ("When did Soleimani go to Moscow, and who did he meet there?") → its parts, each
// a standalone question: the second borrows the first one's names when it leans on it ("who did he meet there" →
// "Who did he meet there (Soleimani, Moscow)?"). Rules on the question's form only (wh-words, auxiliaries and
// conjunctions of general English), so they hold for any corpus.
import { leansOnContext, namesIn } from './rewrite-question.js';
import { words } from './terms.js';

const WH = '(?:what|which|who|whom|whose|when|where|why|how)';
const AUX = '(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)';
// ", and who…", " and when…", "; where…", "? Who…", " as well as how…" — a conjunction (or a stop) then a new question
const SPLIT_RE = new RegExp(`(?:\\s*[,;]\\s*(?:and|but|also|and also)?|\\s+(?:and|but|as well as|and also))\\s+(?=${WH}\\b|${AUX}\\s+(?:he|she|it|they|the|this|that|there)\\b)|\\?\\s+(?=\\S)`, 'gi');
const MIN_PART_WORDS = 3;

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function tidy(part: string): string {
  const t = part.trim().replace(/^(?:and|but|also)\s+/i, '').replace(/[\s,;:]+$/, '');
  const q = t.charAt(0).toUpperCase() + t.slice(1);
  return /[?.!]$/.test(q) ? q.replace(/[.!]$/, '?') : `${q}?`;
}

// "According to Avdaliani, what…, and who…?": the attribution is said once and holds for every part
const LEADING_ATTRIBUTION = /^\s*((?:according to|per|in the view of)\s+[^,?!]+?)\s*,\s*/i;

/** The question's parts (one part when it asks one thing). */
export function splitQuestion(question: string): string[] {
  const q = question.trim();
  const lead = LEADING_ATTRIBUTION.exec(q);
  if (lead) {
    const parts = splitQuestion(q.slice(lead[0].length));
    const clause = lead[1].charAt(0).toLowerCase() + lead[1].slice(1);
    return parts.length < 2 ? [q] : parts.map((p) => `${p.replace(/[?.!]+$/, '')}, ${clause}?`);
  }
  // only a question that starts as a question splits ("Name the groups and what they do" stays whole)
  if (!new RegExp(`^(?:${WH}|${AUX}|in|on|at|by|for|from|to|during|according)\\b`, 'i').test(q)) return [q];
  const pieces: string[] = [];
  let last = 0;
  for (const m of q.matchAll(SPLIT_RE)) {
    const before = q.slice(last, m.index);
    // "When and where…", "what and how much…": a wh-word pair, not two questions
    if (wordCount(before) < MIN_PART_WORDS) continue;
    pieces.push(before);
    last = m.index + m[0].length;
  }
  pieces.push(q.slice(last));
  // "Who published it, and when?": a bare question word asks its own thing about the first part's topic
  const expanded = pieces.map((p, i) => (i > 0 && new RegExp(`^\\s*${WH}\\s*\\??\\s*$`, 'i').test(p) ? `${p.replace(/\?/g, '').trim()} ${pieces[0].trim().replace(new RegExp(`^${WH}\\b\\s*`, 'i'), '')}` : p));
  const parts = expanded.map(tidy).filter((p) => wordCount(p) >= 2);
  if (parts.length < 2 || parts.some((p) => wordCount(p) < MIN_PART_WORDS - 1)) return [q];
  return parts.map((p, i) => (i === 0 ? p : withContext(p, parts[0])));
}

/**
 * A later part shares the first one's topic ("…, and how did Iran respond?" responds to what the first part is
 * about): it gets the first part's names it lacks, or, when it points back ("they", "it") and there are none, the
 * first part's words after its question word ("wrote the paper").
 */
function withContext(part: string, first: string): string {
  const have = new Set(words(part).map((w) => w.stem));
  const names = namesIn(first).filter((n) => !words(n).every((w) => have.has(w.stem)));
  const body = part.replace(/[?.!]+$/, '');
  if (names.length) return `${body} (${names.join(', ')})?`;
  if (!leansOnContext(part)) return part;
  const topic = topicOf(first);
  return topic ? `${body} (${topic})?` : part;
}

/** A question's words after its question word and auxiliary ("Who wrote the paper?" → "wrote the paper"). */
function topicOf(question: string): string {
  return question.trim().replace(new RegExp(`^(?:${WH}\\b\\s*)?(?:${AUX}\\b\\s*)?`, 'i'), '').replace(/[\s,;:?.!]+$/, '');
}
