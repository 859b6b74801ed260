// "What does the Roomi paper say about Hamas?", "What did the Jerusalem Post and Avdaliani write about Russia's ties
// with Hezbollah?", "What does Avdaliani say Russia seeks in the Middle East?": a question about what a source of the
// corpus says on a topic, or claims. Asked as it stands, the answer selector reads it as a request for reported speech
// (SQuAD's "What did Putin say to…") and rates every sentence of the paper low: on the shipped documents such
// questions abstained while "What about Hamas?" was answered from the same passages (selector logit −3.3 → −1.4). So
// the sentences are judged against the topic ("What about Hamas?") or the claim asked about ("What Russia seeks in the
// Middle East?": −2.8 → 0.0), and only the named documents' sentences may be quoted. A speaker that names no document
// of the corpus ("What did Putin say about…") is reported speech and is left alone.
import { callsItselfADocument, documentsNamed, type DocumentLabel } from './named-documents.js';
import { words } from './terms.js';

const VERB = String.raw`(?:say|write|argue|claim|report|conclude|state|suggest|note|tell\s+us|mention|think|believe|find|show)`;
const PREPOSITION = String.raw`(?:about|on|of|regarding|concerning)`;
// "What does/did/do <speaker> say about <topic>?", "How does <speaker> write about <topic>?"
const TOPIC_QUESTION = new RegExp(String.raw`^\s*(?:and\s+|so\s+)?(?:what|how)\s+(?:does|did|do)\s+(.+?)\s+${VERB}\s+${PREPOSITION}\s+(.+?)\s*[?.!]*\s*$`, 'iu');
// "What does <speaker> say Russia seeks in the Middle East?", "Why does <speaker> think that Iran backs Hamas?"
// (a speaker of at most six words, and verbs that are no nouns: "Why does Avdaliani consider the weapons find
// significant?" is no claim of "Avdaliani consider the weapons")
const CLAIM_VERB = String.raw`(?:say|write|argue|conclude|suggest|tell\s+us|think|believe|list|name|mention|cite)`;
const CLAIM_QUESTION = new RegExp(
  String.raw`^\s*(?:and\s+|so\s+)?(what|why|how|when|where|who|(?:which|what)\s+(?:\S+\s+){0,2}?\S+)\s+(?:does|did|do)\s+((?:\S+\s+){0,5}?\S+)\s+${CLAIM_VERB}(?:\s+(?:that\s+)?(.+?))?\s*[?.!]*\s*$`,
  'iu',
);

export interface NamedSource {
  /** what the sentences are judged against: "What about Hamas?" */
  asked: string;
  /** the documents whose sentences may be quoted (empty: any; the speaker is "the paper", "the documents") */
  docIds: Set<string>;
}

/** The question as a question about what named sources say on a topic or claim, or null when it is not one. */
export function sourceTopic(question: string, passages: readonly DocumentLabel[]): NamedSource | null {
  const about = TOPIC_QUESTION.exec(question);
  const claim = about ? null : CLAIM_QUESTION.exec(question);
  const speaker = about?.[1] ?? claim?.[2];
  // "Which groups does Avdaliani list?" asks its wh-phrase alone; "What does the paper conclude?" asks nothing yet
  const whPhrase = claim && /\s/.test(claim[1].trim());
  const rest = about?.[2] ?? claim?.[3] ?? '';
  if (!speaker || (!whPhrase && words(rest).filter((w) => !w.stopword).length === 0)) return null;
  const docIds = documentsNamed(speaker, passages);
  // a speaker is a source when it names a document of the corpus or calls itself one ("the paper", "the authors")
  if (!docIds.size && !callsItselfADocument(speaker)) return null;
  const wh = claim ? claim[1].charAt(0).toUpperCase() + claim[1].slice(1) : 'What about';
  return { asked: `${[wh, rest.replace(/\s+/g, ' ')].filter(Boolean).join(' ')}?`, docIds };
}
