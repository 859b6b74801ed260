// Exact cosine nearest neighbours over vectors held in memory: a brute-force VectorSearch.
// For small indexes (tests) and as the reference the approximate HNSW index is measured against; at 10k × 384
// a full scan is a few milliseconds, so no approximation is needed below that size.
import { topK } from '../store/top-k.js';
import type { Hit, VectorSearch } from '../store/types.js';

export class ExactVectorSearch implements VectorSearch {
  private readonly rows: Float32Array[];
  constructor(vectors: ArrayLike<number>[]) {
    // Stored unit-length so a dot product is the cosine, whatever the embedder returned.
    this.rows = vectors.map((v) => {
      const row = Float32Array.from(v);
      const norm = Math.hypot(...row) || 1;
      for (let i = 0; i < row.length; i++) row[i] /= norm;
      return row;
    });
  }

  get size(): number {
    return this.rows.length;
  }

  async search(vector: number[], k: number): Promise<Hit[]> {
    return this.searchSync(vector, k);
  }

  /** Every row's cosine to `vector`, in row order. */
  similarities(vector: ArrayLike<number>): Float32Array {
    const norm = Math.hypot(...Array.from(vector)) || 1;
    const q = Float32Array.from(vector, (x) => x / norm);
    const out = new Float32Array(this.rows.length);
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += q[i] * row[i];
      out[r] = dot;
    }
    return out;
  }

  searchSync(vector: ArrayLike<number>, k: number): Hit[] {
    const sims = this.similarities(vector);
    return topK(sims, k);
  }
}
