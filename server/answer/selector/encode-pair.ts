// (question, sentence, its document's title, the sentence before it) → the answer selector's token ids, built
// exactly as scripts/train/train_selector.py built them in training (the layout and limits come from the model's
// selector.json, so the two sides cannot drift apart):
//   [CLS] question [SEP] sentence [SEP] title | previous sentence [SEP] next sentence [SEP]
// (token type 0 up to the first [SEP]; the next sentence only for a model whose format has maxNext).

export interface PairFormat {
  maxLength: number;
  maxQuestion: number;
  maxSentence: number;
  maxTitle: number;
  maxContext: number;
  /** word-pieces of the following sentence (absent or 0: the model does not read it) */
  maxNext?: number;
  contextSeparator: string;
}

export interface PairText {
  question: string;
  sentence: string;
  /** the document's title ('' when none) */
  title: string;
  /** the sentence before, in the same passage ('' at its start) */
  previous: string;
  /** the sentence after, in the same passage ('' at its end) */
  next?: string;
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
  const following = p.next && f.maxNext ? tok.pieces(p.next).slice(0, Math.max(0, Math.min(f.maxNext, f.maxLength - ids.length - 1))) : [];
  if (following.length) {
    // an empty context segment keeps the next sentence the fourth segment
    if (!(ctx.length && budget > 0)) {
      ids.push(tok.sep);
      types.push(1);
    }
    ids.push(...following, tok.sep);
    types.push(...Array(following.length + 1).fill(1));
  }
  return { ids, types };
}
