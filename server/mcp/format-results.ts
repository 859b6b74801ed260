// Engine results as the text an assistant reads in an MCP tool result (the structured copy travels beside it).
import type { ChatResponse, DocumentMeta, Passage } from '../contract.js';
import { sourceList } from '../http/openai/source-list.js';
import { uncertainNote } from '../http/openai/uncertain-note.js';

const place = (p: Pick<Passage, 'docId' | 'title' | 'page' | 'url'>) =>
  `${p.title}${p.page !== null ? `, p. ${p.page}` : ''} (${p.docId})${p.url ? ` ${p.url}` : ''}`;

export function formatPassages(passages: readonly Passage[]): string {
  if (!passages.length) return 'No passages found.';
  return passages.map((p, i) => `[${i + 1}] ${place(p)} — chunk ${p.chunkId}, score ${p.score.toFixed(3)}\n${p.text}`).join('\n\n');
}

export function formatAnswer(r: ChatResponse): string {
  return `${uncertainNote(r)}${r.answer}${sourceList(r.citations)}`;
}

export function formatDocumentList(documents: readonly DocumentMeta[]): string {
  if (!documents.length) return 'The corpus is empty.';
  return documents
    .map((d) => {
      const by = [d.authors.join(', '), d.date, d.publisher].filter(Boolean).join(', ');
      return `- ${d.docId}: ${d.title}${by ? ` (${by})` : ''}${d.url ? ` ${d.url}` : ''} — ${d.chars} characters`;
    })
    .join('\n');
}
