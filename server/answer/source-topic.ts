// "What does the Roomi paper say about Hamas?", "What did the Jerusalem Post and Avdaliani write about Russia's ties
// with Hezbollah?": a question about what a source of the corpus says on a topic. Asked as it stands, the answer
// selector reads it as a request for reported speech (SQuAD's "What did Putin say to…") and rates every sentence of
// the paper low: on the shipped documents such questions abstained while "What about Hamas?" was answered from the
// same passages (selector logit −3.3 → −1.4). So the sentences are judged against the topic ("What about Hamas?"),
// and only the named documents' sentences may be quoted. A speaker that names no document of the corpus ("What did
// Putin say about…") is reported speech and is left alone.
import type { Passage } from '../contract.js';
import { callsItselfADocument, documentsNamed } from './named-documents.js';
import { words } from './terms.js';

const VERB = String.raw`(?:say|write|argue|claim|report|conclude|state|suggest|note|tell\s+us|mention|think|find|show)`;
const PREPOSITION = String.raw`(?:about|on|of|regarding|concerning)`;
// "What does/did/do <speaker> say about <topic>?", "How does <speaker> write about <topic>?"
const TOPIC_QUESTION = new RegExp(String.raw`^\s*(?:and\s+|so\s+)?(?:what|how)\s+(?:does|did|do)\s+(.+?)\s+${VERB}\s+${PREPOSITION}\s+(.+?)\s*[?.!]*\s*$`, 'iu');

export interface NamedSource {
  /** what the sentences are judged against: "What about Hamas?" */
  asked: string;
  /** the documents whose sentences may be quoted (empty: any; the speaker is "the paper", "the documents") */
  docIds: Set<string>;
}

/** The question as a question about what named sources say on a topic, or null when it is not one. */
export function sourceTopic(question: string, passages: Passage[]): NamedSource | null {
  const m = TOPIC_QUESTION.exec(question);
  if (!m) return null;
  const [, speaker, topic] = m;
  const docIds = documentsNamed(speaker, passages);
  // a speaker is a source when it names a document of the corpus or calls itself one ("the paper", "the authors")
  if (!docIds.size && !callsItselfADocument(speaker)) return null;
  if (words(topic).filter((w) => !w.stopword).length === 0) return null;
  return { asked: `What about ${topic.replace(/\s+/g, ' ')}?`, docIds };
}
