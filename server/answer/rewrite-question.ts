// A follow-up question + the conversation → a standalone question to search with. With an LLM, the LLM rewrites
// (falling back to the rule on error or timeout); offline, a rule carries the previous question's names over when
// the follow-up leans on it ("And when did he go there?"). A question that is already standalone stays unchanged.
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config.js';
import type { HistoryMessage } from '../contract.js';
import type { Logger } from '../log.js';
import { chunkText, createChatModel, deadline } from './llm-client.js';
import { REWRITE_SYSTEM_PROMPT, rewriteUserPrompt } from './prompts.js';
import { QUESTION_WORDS, words, type Word } from './terms.js';
import { ABSTENTION_TEXT } from './types.js';

export type QuestionRewriter = (question: string, history: HistoryMessage[], signal?: AbortSignal) => Promise<string>;

// Words that point back at something named earlier. "that"/"this"/… count only before a noun ("that meeting"),
// not as a relative pronoun ("the man that met…"): checked in leansOnContext.
const PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'it', 'its', 'they', 'them', 'their', 'theirs', 'there', 'then', 'himself', 'herself', 'itself', 'themselves']);
const DEMONSTRATIVES = new Set(['that', 'this', 'those', 'these', 'such', 'same']);
const CONTINUATIONS = /^\s*(?:and|but|also|so|or|then|what about|how about|and what about|what else|why|how come)\b/i;
const WHAT_ABOUT = /^\s*(?:and\s+)?(?:what|how)\s+about\s+/i;

/** True when the question cannot be understood without the previous turn. */
export function leansOnContext(question: string): boolean {
  const ws = words(question);
  if (CONTINUATIONS.test(question) && ws.length <= 4) return true;
  if (/^\s*(?:and|but|also|so)\b/i.test(question) || WHAT_ABOUT.test(question)) return true;
  // "… groups like that?", "… by doing this?": a demonstrative that ends the question points back
  if (ws.length && DEMONSTRATIVES.has(ws[ws.length - 1].lower)) return true;
  return ws.some((w, i) => {
    if (PRONOUNS.has(w.lower)) return true;
    // demonstrative before a noun-like word: "that meeting", "these groups" (not "that" after a noun: relative clause)
    const next = ws[i + 1];
    const prev = ws[i - 1];
    return DEMONSTRATIVES.has(w.lower) && next !== undefined && !next.stopword && (i === 0 || prev.stopword || QUESTION_WORDS.has(prev.lower));
  });
}

/** Names (runs of capitalised words) and numbers of a question, sentence-initial capitals excepted. */
export function namesIn(text: string): string[] {
  const ws = words(text);
  const names: string[] = [];
  let run: Word[] = [];
  const flush = () => {
    if (run.length) names.push(text.slice(run[0].start, run[run.length - 1].end));
    run = [];
  };
  ws.forEach((w, i) => {
    const sentenceInitial = i === 0 || /[.?!]\s*$/.test(text.slice(ws[i - 1].end, w.start));
    const isName = (w.capitalized && !(sentenceInitial && (w.stopword || QUESTION_WORDS.has(w.lower)))) || w.numeric;
    const adjacent = run.length > 0 && /^\s+$/.test(text.slice(run[run.length - 1].end, w.start));
    if (isName && !(w.stopword && !w.capitalized)) {
      if (!adjacent) flush();
      run.push(w);
    } else flush();
  });
  flush();
  return [...new Set(names)];
}

// "it"/"its" in a follow-up is most often the thing the previous answer named ("What theoretical framework does the
// paper use?" → "Neoclassical realism." → "What are its two types?").
const THING_PRONOUN = /\b(?:it|its|itself)\b/i;
// "he"/"she" after a "who" question is the person the answer named ("Who sits at the matrix of Iran's proxies?" →
// "Qassem Soleimani is at the matrix…" → "Whose confidence does he have?"), unless the question's verb took a name as
// its object: after "Who met Soleimani?" → "Shoigu.", "When did he go there?" may mean either, and is left to the
// question's names (carrying Shoigu turned its answer into an abstention).
const PERSON_PRONOUN = /\b(?:he|she|him|his|her|himself|herself)\b/i;
const WHO_VERB_NAME = /^\s*[Ww]ho\s+[a-z]+\s+(?:the\s+)?[A-Z]/;
const MAX_SUBJECT_WORDS = 5;

/** The assistant's last reply, when it is the turn just before the follow-up. */
function lastAnswer(history: HistoryMessage[]): string {
  const last = history.at(-1);
  return last?.role === 'assistant' ? last.content : '';
}

/**
 * What a previous answer is about, when it says so in a few words: the whole answer when it is one short phrase
 * ("Neoclassical realism."), else the subject of its first sentence when that is short and the verb is a form of "be"
 * ("Neoclassical realism is a combination of…"). Citation markers are dropped; an abstention names nothing.
 */
export function answerSubject(answer: string): string | null {
  const first = answer.replace(/\s*\[\d+\]/g, '').trim().split(/(?<=[.?!])\s+/)[0] ?? '';
  if (!first || first.startsWith(ABSTENTION_TEXT.slice(0, 30)) || /^possibly not an answer/i.test(first)) return null;
  const phrase = first.replace(/[.?!]+$/, '').trim();
  // a noun phrase: a few words, no clause (no comma, no verb "be" or "have"), not opening on a pronoun or question word
  const short = (t: string) => {
    const ws = words(t);
    const opening = ws[0]?.lower ?? '';
    return ws.length > 0 && ws.length <= MAX_SUBJECT_WORDS && !/[,;:]|\b(?:is|are|was|were|has|have|had)\b/i.test(t) && ![QUESTION_WORDS, PRONOUNS, DEMONSTRATIVES].some((set) => set.has(opening));
  };
  if (short(phrase)) return phrase;
  const subject = /^(.+?)\s+(?:is|are|was|were)\s/.exec(phrase)?.[1];
  return subject && short(subject) && !words(subject).every((w) => w.stopword) ? subject : null;
}

// "What does the IISS …", "When did Soleimani …", "How many troops has Russia …": a question word (or "which"/"what"/
// "how many" + a noun), an auxiliary verb, then the question's grammatical subject
const SUBJECT_SLOT = /^(\s*(?:(?:what|which)(?:\s+[a-z]+)?|when|where|why|how(?:\s+(?:much|many)(?:\s+[a-z]+)?|\s+(?:far|long|often))?)\s+(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\s+)(?:the\s+)?/i;

/**
 * The previous question asked of a new subject, when that question's subject is a name: "What does the IISS consider
 * Iran's major weapon?" + "the Atlantic Council" → "What does the Atlantic Council consider Iran's major weapon?".
 * Null when the subject is not a name ("Who met Soleimani?": the question word is the subject).
 */
export function withSubject(question: string, subject: string): string | null {
  const slot = SUBJECT_SLOT.exec(question);
  if (!slot || !namesIn(subject).length) return null;
  const rest = question.slice(slot[0].length);
  const name = namesIn(rest).find((n) => rest.startsWith(n));
  if (!name) return null;
  return `${slot[1]}${subject}${rest.slice(name.length)}`;
}

/** The offline rule; follow-ups are resolved turn by turn, so a chain of follow-ups keeps the first names. */
export function rewriteByRule(question: string, history: HistoryMessage[]): string {
  const previous = history.filter((m) => m.role === 'user').map((m) => m.content.trim()).filter(Boolean);
  if (!previous.length || !leansOnContext(question)) return question;
  let context = previous[0];
  for (const q of previous.slice(1)) context = rewriteByRule(q, [{ role: 'user', content: context }]);
  const q = question.trim();
  const have = new Set(words(q).map((w) => w.stem));
  const before = previous.at(-1) ?? '';
  const asksWho = /^\s*who\b/i.test(before) && !WHO_VERB_NAME.test(before);
  const referent = THING_PRONOUN.test(q) || (asksWho && PERSON_PRONOUN.test(q)) ? answerSubject(lastAnswer(history)) : null;
  const carried = [...(referent ? [referent] : []), ...namesIn(context)].filter((n) => !words(n).every((w) => have.has(w.stem)));
  if (WHAT_ABOUT.test(q)) {
    const subject = q.replace(WHAT_ABOUT, '').replace(/[?.!]+$/, '');
    // "What about links to Palestinian factions?" names a new topic of the same conversation: asked about it, with the
    // names the conversation is about (re-asking the previous question brought its answer back)
    const named = new Set(namesIn(subject).flatMap((n) => words(n).map((w) => w.stem)));
    const topicWords = words(subject).filter((w) => !w.stopword && !named.has(w.stem));
    if (topicWords.length >= 2) return carried.length ? `What about ${subject} (${carried.join(', ')})?` : `What about ${subject}?`;
    // "What about the Atlantic Council?" after "What does the IISS consider Iran's major weapon?" asks the same of a
    // new subject: the previous question's subject is replaced (kept beside it, the old subject's sentence won)
    const swapped = withSubject(context, subject);
    if (swapped) return swapped;
    // "What about Hezbollah?" asks the previous question again about something else
    return `${context.replace(/[?.!]+$/, '')} (${subject})?`;
  }
  const body = q.replace(/^\s*(?:and|but|also|so)\s+/i, '');
  const capitalised = body.charAt(0).toUpperCase() + body.slice(1);
  if (carried.length) return `${capitalised.replace(/[?.!]*$/, '')} (${carried.join(', ')})?`;
  // no names to carry ("What does the paper call groups like that?" after "Which groups does Iran back?"): the
  // previous question's words after its question word say what "that" is
  const topic = context.replace(/^\s*(?:what|which|who|whom|whose|when|where|why|how)\b\s*(?:(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would)\b\s*)?/i, '').replace(/[?.!]+$/, '').trim();
  return topic ? `${capitalised.replace(/[?.!]*$/, '')} (${topic})?` : question;
}

export interface RewriterDeps {
  log: Logger;
  /** a chat model to use instead of ChatOpenAI from the config */
  model?: Pick<BaseChatModel, 'invoke'>;
}

export function createQuestionRewriter(config: Readonly<Config>, deps: RewriterDeps): QuestionRewriter {
  // The in-process model (a 270M base model) is not asked to rewrite: it continues text rather than following the
  // instruction, and a wrong rewrite searches for the wrong thing; the rule is predictable.
  const useRule = config.answererMode !== 'llm' || config.llmProvider === 'local';
  if (useRule && !deps.model) return async (question, history) => rewriteByRule(question, history);
  const model = deps.model ?? createChatModel(config);
  return async (question, history, signal) => {
    if (!history.some((m) => m.role === 'user')) return question;
    const timer = deadline(config.LLM_TIMEOUT_MS, signal);
    try {
      const reply = await model.invoke(
        [new SystemMessage(REWRITE_SYSTEM_PROMPT), new HumanMessage(rewriteUserPrompt(question, history))],
        { signal: timer.signal },
      );
      const text = chunkText(reply.content)
        .trim()
        .replace(/^(?:standalone question:\s*)/i, '')
        .replace(/^["'“”]+|["'“”]+$/g, '')
        .trim();
      // A reply that is empty or rambles is not a rewritten question.
      if (text && text.length <= 2 * question.length + 300 && !/\n\s*\n/.test(text)) return text;
      deps.log.warn('rewriter: the language model gave no usable question; using the offline rule');
    } catch (err) {
      if (signal?.aborted) throw err;
      deps.log.warn(`rewriter: the language model failed (${(err as Error).message.split('\n')[0]}); using the offline rule`);
    } finally {
      timer.clear();
    }
    return rewriteByRule(question, history);
  };
}
