// Example questions for the start page, derived from the indexed documents (server/answer/suggest-questions.ts):
// the metadata of every document in the list, and the sections of the first few (each fetch carries a whole text).
// Loaded only while the conversation is empty; a failure just means no suggestions (the health check already
// explains a refusal).
import { useEffect, useState } from 'react';
import { suggestQuestions } from '../../../server/answer/suggest-questions.js';
import type { ApiClient } from '../api/client.js';

/** documents whose sections are fetched (each fetch carries the document's text) */
const DOCUMENTS_LOOKED_AT = 3;

export function useSuggestions(client: ApiClient, enabled: boolean): string[] {
  const [questions, setQuestions] = useState<string[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    (async () => {
      const { documents } = await client.listDocuments(abort.signal);
      const first = documents.slice(0, DOCUMENTS_LOOKED_AT);
      const details = await Promise.all(first.map((d) => client.getDocument(d.docId, abort.signal).catch(() => null)));
      const sections = new Map(first.map((d, i) => [d.docId, details[i]?.sections ?? []]));
      // every document can give a question from its metadata, not only the first few
      return suggestQuestions(documents.map((meta) => ({ meta, sections: sections.get(meta.docId) })));
    })().then(
      (qs) => !abort.signal.aborted && setQuestions(qs),
      () => undefined,
    );
    return () => abort.abort();
  }, [client, enabled]);
  return questions;
}
