// The chunks an earlier answer quoted: a follow-up ("When did he go there?") is most often answered by the passages
// the previous answer came from, so they join the candidates. Found by searching each quoted sentence and keeping
// the chunks that contain it verbatim (whitespace aside).
import type { ScoredChunk } from '../domain.js';
import type { AnySearchableIndex } from '../store/types.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export async function chunksQuoting(index: AnySearchableIndex, sentences: string[], perSentence = 3): Promise<ScoredChunk[]> {
  const out: ScoredChunk[] = [];
  const seen = new Set<number>();
  for (const sentence of sentences) {
    const s = squash(sentence);
    if (s.length < 20) continue;
    for (const hit of await index.lexical.search(sentence, perSentence)) {
      const chunk = index.chunks[hit.index];
      if (seen.has(hit.index) || !squash(chunk.text).includes(s)) continue;
      seen.add(hit.index);
      out.push({ ...chunk, score: 0 });
    }
  }
  return out;
}
