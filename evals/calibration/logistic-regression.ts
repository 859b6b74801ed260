// Logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty on the
// weights (not the bias). Few features, many rows: each step is one pass over the data and a small linear solve.

export interface LogisticFit {
  bias: number;
  weights: number[];
  iterations: number;
  logLoss: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / d;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

export function fitLogistic(x: number[][], y: number[], options: { l2?: number; maxIterations?: number } = {}): LogisticFit {
  const l2 = options.l2 ?? 1;
  const d = x[0].length + 1;
  const beta = new Array(d).fill(0);
  let iterations = 0;
  let logLoss = 0;
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const h = Array.from({ length: d }, () => new Array(d).fill(0));
    const g = new Array(d).fill(0);
    logLoss = 0;
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * row[j];
      const p = 1 / (1 + Math.exp(-z));
      logLoss -= y[i] ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        g[j] += (p - y[i]) * row[j];
        const wr = w * row[j];
        for (let k = j; k < d; k++) h[j][k] += wr * row[k];
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) h[j][k] = h[k][j];
    for (let j = 1; j < d; j++) {
      h[j][j] += l2;
      g[j] += l2 * beta[j];
    }
    const step = solve(h, g);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j] -= step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-6) break;
  }
  return { bias: beta[0], weights: beta.slice(1), iterations, logLoss: logLoss / x.length };
}

export interface RankingGroup {
  /** feature rows of the candidates of one question */
  x: number[][];
  /** 1 for the candidates that answer it (at least one), 0 otherwise */
  y: number[];
}

/**
 * Conditional logit (softmax over each question's candidates): maximises the probability mass on the answering
 * candidates, so only differences between the candidates of one question count (what ranking needs). Newton
 * steps with the softmax covariance as the curvature (exact with one positive per group), halved when the loss
 * would rise.
 */
export function fitConditionalLogit(groups: RankingGroup[], options: { l2?: number; maxIterations?: number } = {}): { weights: number[]; iterations: number; loss: number } {
  const l2 = options.l2 ?? 1;
  const d = groups[0].x[0].length;
  let w = new Array(d).fill(0);
  const lossOf = (beta: number[]) => {
    let loss = 0;
    for (const g of groups) {
      const s = g.x.map((row) => row.reduce((a, v, j) => a + v * beta[j], 0));
      const m = Math.max(...s);
      const all = Math.log(s.reduce((a, v) => a + Math.exp(v - m), 0));
      const pos = Math.log(s.reduce((a, v, i) => a + (g.y[i] ? Math.exp(v - m) : 0), 0));
      loss += all - pos;
    }
    return loss + 0.5 * l2 * beta.reduce((a, v) => a + v * v, 0);
  };
  let loss = lossOf(w);
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 100); iterations++) {
    const grad = new Array(d).fill(0);
    const h = Array.from({ length: d }, () => new Array(d).fill(0));
    for (const g of groups) {
      const s = g.x.map((row) => row.reduce((a, v, j) => a + v * w[j], 0));
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const z = e.reduce((a, v) => a + v, 0);
      const zp = e.reduce((a, v, i) => a + (g.y[i] ? v : 0), 0);
      const mean = new Array(d).fill(0);
      const meanPos = new Array(d).fill(0);
      g.x.forEach((row, i) => {
        for (let j = 0; j < d; j++) {
          mean[j] += (e[i] / z) * row[j];
          if (g.y[i]) meanPos[j] += (e[i] / zp) * row[j];
        }
      });
      for (let j = 0; j < d; j++) grad[j] += mean[j] - meanPos[j];
      g.x.forEach((row, i) => {
        const p = e[i] / z;
        for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) h[j][k] += p * (row[j] - mean[j]) * (row[k] - mean[k]);
      });
    }
    for (let j = 0; j < d; j++) {
      grad[j] += l2 * w[j];
      h[j][j] += l2;
    }
    const step = solve(h, grad);
    let t = 1;
    let next = w.map((v, j) => v - t * step[j]);
    let nextLoss = lossOf(next);
    while (nextLoss > loss && t > 1e-4) {
      t /= 2;
      next = w.map((v, j) => v - t * step[j]);
      nextLoss = lossOf(next);
    }
    const change = Math.max(...next.map((v, j) => Math.abs(v - w[j])));
    w = next;
    loss = nextLoss;
    if (change < 1e-6) break;
  }
  return { weights: w, iterations, loss: loss / groups.length };
}
