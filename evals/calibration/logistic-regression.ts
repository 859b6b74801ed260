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
