// The answer parts for a question about a document itself or about the corpus as a whole, each statement with the
// passage it cites: a line of a metadata record, or the lines of a document's own text it was read from (authors a
// record lacks but the title page names, the corresponding author, what a document is about). A date a title page
// prints is in the record already (the ingest reads it: server/ingest/date-from-text.ts). Null for a question
// about the documents' content, which the answerer answers from the retrieved passages.
import type { Passage } from '../contract.js';
import type { SourceDoc } from '../domain.js';
import { aboutSentence } from './about-sentence.js';
import { authorsInText } from './authors-in-text.js';
import { corpusQuestion, type CorpusQuestion } from './corpus-questions.js';
import {
  documentQuestion,
  listOf,
  metadataPassage,
  metadataStatements,
  publisherName,
  recordHas,
  resolveDocument,
  whenPublished,
  type DocumentAttribute,
} from './document-questions.js';
import { textPassage } from './text-passage.js';
import type { AnswerPart } from './types.js';

export interface RecordContext {
  documents: ReadonlyMap<string, SourceDoc>;
  /** the document of the best passage found for the question, or of the one the conversation is about */
  fallbackDocId: string | null;
  /** the document as clients may see it (only http(s) links) */
  present: (doc: SourceDoc) => SourceDoc;
  /** puts a passage in the answer's numbered list; its index there */
  add: (passage: Passage) => number;
}

/** One sentence of the answer and where it is stated (null: nowhere; it is said, not cited). */
interface Statement {
  text: string;
  passage: Passage | null;
  /** the range of the passage's text that states it (default: the whole passage) */
  span?: { start: number; end: number };
}

// A corpus-wide answer names this many documents at most; the documents page lists the rest.
const MAX_LISTED = 10;

const quoted = (doc: SourceDoc) => `“${doc.title}”`;

/** The record's sentences on an attribute, as one statement quoting those lines of the record. */
function fromRecord(doc: SourceDoc, attribute: DocumentAttribute, cited = true): Statement {
  const lines = metadataStatements(doc)[attribute];
  if (!cited) return { text: lines.join(' '), passage: null };
  const passage = metadataPassage(doc);
  const start = passage.text.indexOf(lines[0]);
  const end = passage.text.indexOf(lines.at(-1)!) + lines.at(-1)!.length;
  return { text: lines.join(' '), passage, ...(start >= 0 && end >= start ? { span: { start, end } } : {}) };
}

/** Who wrote it: the record's authors; else those its opening lines name (with the record's note, if any). */
function authorStatements(doc: SourceDoc): Statement[] {
  const inText = doc.authors.length ? null : authorsInText(doc);
  if (!inText) return [fromRecord(doc, 'author', recordHas(doc, 'author'))];
  const stated = { text: `The text of ${quoted(doc)} names as its authors ${listOf(inText.authors)}.`, passage: textPassage(doc, inText.start, inText.end) };
  return doc.note ? [stated, noteOnAuthors(doc)] : [stated];
}

/** The record's note on authorship alone (its "does not name its author" is not said when the text names them). */
function noteOnAuthors(doc: SourceDoc): Statement {
  const note = metadataStatements(doc).author[1];
  const passage = metadataPassage(doc);
  const at = passage.text.indexOf(note);
  return { text: note, passage, span: { start: at, end: at + note.length } };
}

function correspondingStatements(doc: SourceDoc): Statement[] {
  const c = authorsInText(doc)?.corresponding;
  if (!c) return [fromRecord(doc, 'corresponding', false)];
  // said plainly, without the title: the support check then finds it in the name and mark lines it cites
  return [{ text: `${c.name} is the corresponding author.`, passage: textPassage(doc, c.start, c.end) }];
}

function documentStatements(doc: SourceDoc, attribute: DocumentAttribute): Statement[] {
  if (attribute === 'author') return authorStatements(doc);
  if (attribute === 'corresponding') return correspondingStatements(doc);
  return [fromRecord(doc, attribute, recordHas(doc, attribute))];
}

/** One line on a document in a list of the corpus: its title, authors and date as its record gives them. */
function listEntry(doc: SourceDoc): Statement {
  const publisher = publisherName(doc.publisher);
  const facts = [
    doc.authors.length ? `by ${listOf(doc.authors)}` : null,
    publisher || doc.date ? ['published', publisher ? `by ${publisher}` : null, doc.date ? whenPublished(doc.date) : null].filter(Boolean).join(' ') : null,
  ].filter(Boolean);
  const text = `${quoted(doc)}, ${facts.length ? facts.join(', ') : 'with no author, publisher or date in its record'}.`;
  // stated by the record's lines from its title to its publisher (title, authors, date, publisher, in that order)
  const passage = metadataPassage(doc);
  const [title, publisherLine] = [metadataStatements(doc).title[0], metadataStatements(doc).publisher[0]];
  const start = passage.text.indexOf(title);
  const end = passage.text.indexOf(publisherLine) + publisherLine.length;
  return { text, passage, ...(start >= 0 && end > start ? { span: { start, end } } : {}) };
}

function aboutEntry(doc: SourceDoc): Statement {
  const at = aboutSentence(doc);
  if (!at) return fromRecord(doc, 'title');
  return { text: `${quoted(doc)}: ${doc.text.slice(at.start, at.end)}`, passage: textPassage(doc, at.start, at.end) };
}

/**
 * "Which document is the newest?": the document(s) with the latest (or earliest) date in their records, then every
 * dated document in that order, each with its record's date line cited; the undated ones are counted, not guessed.
 * Dates compare as their ISO text ("2019" before "2019-05-01", as a year's start).
 */
function byDateStatements(kind: 'newest' | 'oldest', docs: SourceDoc[]): Statement[] {
  const dated = docs.filter((d) => d.date).sort((a, b) => (kind === 'newest' ? b.date!.localeCompare(a.date!) : a.date!.localeCompare(b.date!)));
  const undated = docs.length - dated.length;
  const none = undated ? [{ text: `${undated} document${undated === 1 ? ' has' : 's have'} no date in ${undated === 1 ? 'its record' : 'their records'}.`, passage: null }] : [];
  if (!dated.length) return [{ text: 'No document of the corpus has a date in its record.', passage: null }];
  const first = dated.filter((d) => d.date === dated[0].date);
  const which = kind === 'newest' ? 'most recent' : 'oldest';
  const head =
    dated.length === 1
      ? `${quoted(dated[0])} is the only document with a date in its record.`
      : `Of the ${dated.length} documents with a date in their records, the ${which} ${first.length === 1 ? 'is' : 'are'} ${listOf(first.map(quoted))}.`;
  return [{ text: head, passage: null }, ...dated.slice(0, MAX_LISTED).map((d) => fromRecord(d, 'date')), ...none];
}

function corpusStatements(kind: CorpusQuestion, docs: SourceDoc[]): Statement[] {
  if (kind === 'newest' || kind === 'oldest') return byDateStatements(kind, docs);
  const shown = docs.slice(0, MAX_LISTED);
  const entries =
    kind === 'list'
      ? shown.map(listEntry)
      : kind === 'authors'
        ? shown.map((d) => {
            const [first] = authorStatements(d);
            // the record's "does not name its author" is what it says: cited, one citation per document
            return first.passage ? first : fromRecord(d, 'author');
          })
        : shown.map(aboutEntry);
  const count = `The corpus holds ${docs.length} document${docs.length === 1 ? '' : 's'}.`;
  const rest = docs.length - shown.length;
  const more = rest > 0 ? [{ text: `${rest} more ${rest === 1 ? 'is' : 'are'} listed on the documents page.`, passage: null }] : [];
  return [...(kind === 'list' ? [{ text: count, passage: null }] : []), ...entries, ...more];
}

function toParts(question: string, statements: Statement[], ctx: RecordContext): AnswerPart[] {
  return statements.map(({ text, passage, span }) => {
    if (!passage) return { question, document: { statement: text, passage: -1, known: false } };
    return { question, document: { statement: text, passage: ctx.add(passage), known: true, span: span ?? { start: 0, end: passage.text.length } } };
  });
}

export function recordParts(question: string, ctx: RecordContext): AnswerPart[] | null {
  const corpus = corpusQuestion(question);
  if (corpus) {
    const docs = [...ctx.documents.values()].sort((a, b) => a.title.localeCompare(b.title)).map(ctx.present);
    return docs.length ? toParts(question, corpusStatements(corpus, docs), ctx) : null;
  }
  const asked = documentQuestion(question, ctx.documents.values());
  const doc = asked ? resolveDocument(question, ctx.documents.values(), ctx.fallbackDocId) : null;
  if (!asked || !doc) return null;
  return toParts(question, documentStatements(ctx.present(doc), asked.attribute), ctx);
}
