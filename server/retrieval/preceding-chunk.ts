// The chunk right before a passage in its document, when the two meet without overlap in one section: a "when"
// question's best passage may tell an event whose date the paragraph before it states ("In July 2015, … embarked on a
// commercial aircraft…" on a line of its own, then "Sanctioned by the UN…, Soleimani … departed for Moscow."), and
// that paragraph can end the chunk before, out of the k retrieved ("When did Soleimani go to Moscow?" ranks it 7th).
import type { Chunk } from '../domain.js';
import type { AnySearchableIndex } from '../store/types.js';

const positions = new WeakMap<readonly Chunk[], Map<string, number>>();

function positionOf(chunks: readonly Chunk[], chunkId: string): number | undefined {
  let byId = positions.get(chunks);
  if (!byId) positions.set(chunks, (byId = new Map(chunks.map((c, i) => [c.chunkId, i]))));
  return byId.get(chunkId);
}

/** The chunk before `passage` in its document, if it ends where the passage starts (whitespace between) in the same
 * section; else null. */
export function precedingChunk(index: Pick<AnySearchableIndex, 'chunks'>, passage: Pick<Chunk, 'chunkId' | 'docId' | 'start' | 'section'>): Chunk | null {
  const n = Number(/#(\d+)$/.exec(passage.chunkId)?.[1]);
  if (!(n > 0)) return null;
  const at = positionOf(index.chunks, `${passage.docId}#${n - 1}`);
  const before = at === undefined ? undefined : index.chunks[at];
  if (!before || before.section !== passage.section || before.end > passage.start || passage.start - before.end > 3) return null;
  return before;
}
