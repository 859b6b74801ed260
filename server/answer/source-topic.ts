// "What does the Roomi paper say about Hamas?", "What did the Jerusalem Post and Avdaliani write about Russia's ties
// with Hezbollah?": a question about what a source of the corpus says on a topic. Asked as it stands, the answer
// selector reads it as a request for reported speech (SQuAD's "What did Putin say to…") and rates every sentence of
// the paper low: on the shipped documents such questions abstained while "What about Hamas?" was answered from the
// same passages (selector logit −3.3 → −1.4). So the sentences are judged against the topic ("What about Hamas?"),
// and only the named documents' sentences may be quoted. A speaker that names no document of the corpus ("What did
// Putin say about…") is reported speech and is left alone.
import type { Passage } from '../contract.js';
import { DOCUMENT_NOUN } from './source-clause.js';
import { words } from './terms.js';

const VERB = String.raw`(?:say|write|argue|claim|report|conclude|state|suggest|note|tell\s+us|mention|think|find|show)`;
const PREPOSITION = String.raw`(?:about|on|of|regarding|concerning)`;
// "What does/did/do <speaker> say about <topic>?", "How does <speaker> write about <topic>?"
const TOPIC_QUESTION = new RegExp(String.raw`^\s*(?:and\s+|so\s+)?(?:what|how)\s+(?:does|did|do)\s+(.+?)\s+${VERB}\s+${PREPOSITION}\s+(.+?)\s*[?.!]*\s*$`, 'iu');
const DOCUMENT_WORD = new RegExp(String.raw`^${DOCUMENT_NOUN}$`, 'iu');

export interface SourceTopic {
  /** what the sentences are judged against: "What about Hamas?" */
  asked: string;
  /** the documents whose sentences may be quoted (empty: any; the speaker is "the paper", "the documents") */
  docIds: Set<string>;
}

const stemsOf = (text: string) => new Set(words(text).filter((w) => !w.stopword && w.text.length > 2).map((w) => w.stem));

/** Content words a question may call a document by: its authors and publisher ("Avdaliani", "the Jerusalem Post"),
 * and, when the speaker calls itself a document ("the Russia article"), its title and kind too. A title word alone
 * is no source: "What did Russia say about…" asks what Russia said. */
const labelStems = (p: Passage, asDocument: boolean): Set<string> =>
  stemsOf([...p.authors, p.publisher ?? '', ...(asDocument ? [p.title, p.kind ?? ''] : [])].join(' '));

/** The question as a question about what named sources say on a topic, or null when it is not one. */
export function sourceTopic(question: string, passages: Passage[]): SourceTopic | null {
  const m = TOPIC_QUESTION.exec(question);
  if (!m) return null;
  const [, speaker, topic] = m;
  const speakerWords = words(speaker).filter((w) => !w.stopword && w.text.length > 2);
  // a speaker is a source when it names a document of the corpus or calls itself one ("the paper", "the authors")
  const callsItselfASource = speakerWords.some((w) => DOCUMENT_WORD.test(w.text));
  const labels = new Map<string, Set<string>>();
  for (const p of passages) if (!labels.has(p.docId) && !p.isMetadata) labels.set(p.docId, labelStems(p, callsItselfASource));
  // each of "the Jerusalem Post and Avdaliani" names the document(s) sharing most of its words
  const docIds = new Set<string>();
  for (const conjunct of speaker.split(/\s*(?:,|\band\b|&)\s*/i)) {
    const names = words(conjunct).filter((w) => !w.stopword && w.text.length > 2 && !DOCUMENT_WORD.test(w.text));
    const scored = [...labels].map(([docId, stems]) => [docId, names.filter((w) => stems.has(w.stem)).length] as const);
    const best = Math.max(0, ...scored.map(([, n]) => n));
    if (best > 0) for (const [docId, n] of scored) if (n === best) docIds.add(docId);
  }
  if (!docIds.size && !callsItselfASource) return null;
  if (words(topic).filter((w) => !w.stopword).length === 0) return null;
  return { asked: `What about ${topic.replace(/\s+/g, ' ')}?`, docIds };
}
