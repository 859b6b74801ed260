// (question, sentence, its document's title, the sentence before it) → the answer selector's token ids, built
// exactly as scripts/train/train_selector.py built them in training (the layout and limits come from the model's
// selector.json, so the two sides cannot drift apart):
//   [CLS] question [SEP] sentence [SEP] title | previous sentence [SEP]   (token type 0 up to the first [SEP])

export interface PairFormat {
  maxLength: number;
  maxQuestion: number;
  maxSentence: number;
  maxTitle: number;
  maxContext: number;
  contextSeparator: string;
}

export interface PairText {
  question: string;
  sentence: string;
  /** the document's title ('' when none) */
  title: string;
  /** the sentence before, in the same passage ('' at its start) */
  previous: string;
}

export interface EncodedPair {
  ids: number[];
  types: number[];
}

export interface PieceTokenizer {
  /** word-piece ids without special tokens */
  pieces(text: string): number[];
  cls: number;
  sep: number;
}

export function encodePair(tok: PieceTokenizer, f: PairFormat, p: PairText): EncodedPair {
  const q = tok.pieces(p.question).slice(0, f.maxQuestion);
  const s = tok.pieces(p.sentence).slice(0, f.maxSentence);
  const ids = [tok.cls, ...q, tok.sep, ...s, tok.sep];
  const types = [...Array(q.length + 2).fill(0), ...Array(s.length + 1).fill(1)];
  let ctx = tok.pieces(p.title).slice(0, f.maxTitle);
  if (p.previous) ctx = ctx.length ? [...ctx, ...tok.pieces(f.contextSeparator), ...tok.pieces(p.previous)] : tok.pieces(p.previous);
  const budget = Math.min(f.maxContext, f.maxLength - ids.length - 1);
  if (ctx.length && budget > 0) {
    const kept = ctx.slice(0, budget);
    ids.push(...kept, tok.sep);
    types.push(...Array(kept.length + 1).fill(1));
  }
  return { ids, types };
}
