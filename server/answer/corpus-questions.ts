// Questions about the corpus as a whole — which documents it holds, who wrote them, what it is about — are answered
// from every document's metadata record, one citation per document. Only questions that ask about the documents as
// a set: "Which documents mention Hezbollah?" and "Who wrote the letter to Putin?" are about the documents' content.

export type CorpusQuestion = 'list' | 'authors' | 'about' | 'newest' | 'oldest';

const CORPUS = '(?:corpus|collection|library|archive|knowledge base|index|database|document set)';
const DOCS = '(?:documents|docs|papers|articles|sources|texts|files|reports|publications|works|materials|readings)';
const SET = `(?:${CORPUS}|${DOCS})`;
// "the documents", "these papers", "all the sources", "the documents in the corpus"
const THE = '(?:the|these|those|your|its|all(?: of)?(?: the)?|this|the whole|the entire)';
const IN_CORPUS = `(?:\\s+(?:in|of|from|inside|within) ${THE} ${CORPUS})?`;
const END = '\\s*[?.!]*\\s*$';
// "which document", "which of the papers", "what is the …"
const DOC = '(?:document|doc|paper|article|source|text|file|report|publication|work|piece|one)';
const WHICH = `(?:which|what)(?: ${DOC}| ${DOCS})?(?: (?:of|in|among) ${THE} ${SET})?`;
const PUBLISHED = '(?:published|written|released|dated|issued|came out)';
/** "Which document is the newest?", "Which of the papers was published most recently?", "What is the oldest article?" */
const byDate = (superlative: string, adverb: string) =>
  new RegExp(
    `^${WHICH} (?:is|was|are|were) (?:the )?(?:${superlative}(?: ${DOC}| ${DOCS})?|${adverb} ${PUBLISHED}|${PUBLISHED} ${adverb})${IN_CORPUS}${END}`,
    'i',
  );

const PATTERNS: [CorpusQuestion, RegExp][] = [
  ['newest', byDate('(?:most recent|newest|latest|last)', '(?:most recently|last|latest)')],
  ['oldest', byDate('(?:oldest|earliest|first|least recent)', '(?:first|earliest|least recently)')],
  [
    'authors',
    new RegExp(
      `^(?:who (?:wrote|authored|are the authors of|are the writers of|is behind) ${THE} ${DOCS}${IN_CORPUS}` +
        `|who are the (?:authors|writers)(?: (?:in|of) ${THE} ${SET})?` +
        `|(?:which|what) authors (?:are|appear) (?:in|among) ${THE} ${SET}` +
        `|(?:list|name|give me) the authors(?: of ${THE} ${SET})?)${END}`,
      'i',
    ),
  ],
  [
    'about',
    new RegExp(
      `^(?:what (?:is|are) ${THE} ${SET}${IN_CORPUS}(?: (?:all|mainly|mostly|generally))? about` +
        `|what (?:topics?|subjects?|themes?|areas?) (?:do|does) ${THE} ${SET}${IN_CORPUS} (?:cover|discuss|deal with|address|treat)` +
        `|(?:summari[sz]e|describe|give (?:me )?an overview of) ${THE} ${SET}${IN_CORPUS}` +
        `|what (?:is|are) ${THE} ${SET}${IN_CORPUS} on)${END}`,
      'i',
    ),
  ],
  [
    'list',
    new RegExp(
      `^(?:(?:which|what) ${DOCS} (?:are|do you have|does it hold|are there)(?: (?:there|available|indexed|included|stored|loaded))?(?: (?:in|inside|within|part of) ${THE} ${CORPUS})?` +
        `|(?:which|what) ${DOCS} (?:does|do) ${THE} ${CORPUS} (?:contain|hold|include|have|cover)` +
        `|what(?:'s| is) in ${THE} ${CORPUS}` +
        `|what does ${THE} ${CORPUS} (?:contain|hold|include|consist of)` +
        `|how many ${DOCS} (?:are|do you have|does it hold)(?: there)?(?: (?:in|inside) ${THE} ${CORPUS})?` +
        `|(?:list|show|name|enumerate)(?: me)? ${THE} ${DOCS}${IN_CORPUS}` +
        `|(?:what|which) are ${THE} titles(?: of ${THE} ${DOCS})?${IN_CORPUS}` +
        `|(?:what|which) are ${THE} ${DOCS} (?:in|of) ${THE} ${CORPUS})${END}`,
      'i',
    ),
  ],
];

export function corpusQuestion(question: string): CorpusQuestion | null {
  const q = question.trim().replace(/\s+/g, ' ');
  for (const [kind, re] of PATTERNS) if (re.test(q)) return kind;
  return null;
}
