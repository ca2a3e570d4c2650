/**
 * @module util/logistic
 * L2-regularised logistic regression over sparse rows, fitted by full-batch gradient descent:
 * small, deterministic (the same rows give the same weights) and enough for the few thousand rows
 * greyzone learns from. The trainers in scripts/ fit with it; the modules that decide read the
 * weights it gives as data.
 */

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One example: the positions of its non-zero features and their values. */
export interface SparseRow {
  at: Int32Array;
  value: Float64Array;
}

export interface FitOptions {
  iterations: number;
  rate: number;
  l2: number;
  /** A positive example weighs up to this many times a negative one, when positives are rare. */
  balance: number;
}

export interface Fitted {
  bias: number;
  w: Float64Array;
}

/** Named features as sparse rows, with the feature names by position. */
export function toSparse(rows: [string, number][][]): { names: string[]; sparse: SparseRow[] } {
  const names = [...new Set(rows.flatMap((r) => r.map(([f]) => f)))].sort();
  const position = new Map(names.map((f, i) => [f, i]));
  return { names, sparse: rows.map((r) => ({ at: Int32Array.from(r.map(([f]) => position.get(f)!)), value: Float64Array.from(r.map(([, x]) => x)) })) };
}

export function fitLogistic(rows: SparseRow[], y: ArrayLike<number>, dimensions: number, o: FitOptions): Fitted {
  const w = new Float64Array(dimensions);
  const grad = new Float64Array(dimensions);
  let bias = 0;
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += y[i] ? 1 : 0;
  const lift = positives ? Math.min(o.balance, (rows.length - positives) / positives) : 1;
  for (let it = 0; it < o.iterations; it++) {
    grad.fill(0);
    let gb = 0;
    rows.forEach((r, i) => {
      let z = bias;
      for (let k = 0; k < r.at.length; k++) z += w[r.at[k]!]! * r.value[k]!;
      const err = (sigmoid(z) - y[i]!) * (y[i] ? lift : 1);
      gb += err;
      for (let k = 0; k < r.at.length; k++) grad[r.at[k]!]! += err * r.value[k]!;
    });
    bias -= (o.rate * gb) / rows.length;
    for (let f = 0; f < w.length; f++) w[f]! -= o.rate * (grad[f]! / rows.length + o.l2 * w[f]!);
  }
  return { bias, w };
}

/** Weights by feature name, rounded, without the ones too small to matter. */
export function namedWeights(fitted: Fitted, names: string[]): { bias: number; weights: Record<string, number> } {
  const weights: Record<string, number> = {};
  names.forEach((f, i) => {
    if (Math.abs(fitted.w[i]!) >= 0.01) weights[f] = Math.round(fitted.w[i]! * 1000) / 1000;
  });
  return { bias: Math.round(fitted.bias * 1000) / 1000, weights };
}
