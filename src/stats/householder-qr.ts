import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Householder QR of a tall design matrix X (n rows × k columns, n ≥ k), the numerically stable way to solve
 * least squares without forming X'X (whose condition number is the square of X's). Columns are stored
 * contiguously (column-major) so every reflection streams over contiguous memory.
 *
 * Reflector j is built from column j only, so the leading j×j block of R, and the first j entries of Q'y, are
 * exactly what a QR of the first j columns alone would give. `prefixSsr[j]` (the residual sum of squares of
 * the regression of y on columns 0..j) is therefore available for every nested model from one factorization:
 * that is how the ADF lag search fits lags 0..maxlag in one pass.
 */
export interface QrFactorization {
  readonly rows: number;
  readonly columns: number;
  /** R, upper triangular, k×k row-major (entries below the diagonal are zero). */
  readonly r: Float64Array;
  /** Q'y (length n): the first k entries give the coefficients, the rest the residual in rotated coordinates. */
  readonly qty: Float64Array;
  /** prefixSsr[j] = SSR of the regression of y on columns 0..j, i.e. Σ_{i>j} (Q'y)_i² after reflector j. */
  readonly prefixSsr: Float64Array;
}

/** Relative size under which a diagonal entry of R counts as zero (the columns are linearly dependent). */
const RANK_TOLERANCE = 1e-12;

export function householderQr(y: Float64Array, columns: readonly Float64Array[]): QrFactorization {
  const n = y.length;
  const k = columns.length;
  if (k === 0) throw new InvalidInputError('a regression needs at least one regressor');
  if (n < k)
    throw new InvalidInputError(
      `a regression with ${k} regressors needs at least ${k} observations, got ${quote(n)}`,
    );
  const a = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const column = columns[j] as Float64Array;
    if (column.length !== n) {
      throw new InvalidInputError(
        `regressor ${j} has length ${quote(column.length)}; expected ${n}, the length of y`,
      );
    }
    a.set(column, j * n);
  }
  const qty = Float64Array.from(y);
  const prefixSsr = new Float64Array(k);
  const diagonal = new Float64Array(k);

  for (let j = 0; j < k; j++) {
    const cj = j * n;
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += (a[cj + i] as number) * (a[cj + i] as number);
    const norm = Math.sqrt(norm2);
    // Earlier reflections are orthogonal, so the whole column still has its original norm: what is left of
    // it below the diagonal, relative to that, measures how far it is from the span of the columns before it.
    let above = 0;
    for (let i = 0; i < j; i++) above += (a[cj + i] as number) * (a[cj + i] as number);
    if (norm === 0 || norm <= RANK_TOLERANCE * Math.sqrt(above + norm2)) {
      throw new InvalidInputError(
        `regressor ${j} is (almost) a linear combination of the regressors before it`,
      );
    }
    const head = a[cj + j] as number;
    // alpha takes the sign opposite to the head so that v = x - alpha e1 never cancels.
    const alpha = head >= 0 ? -norm : norm;
    a[cj + j] = head - alpha; // a[cj+j..n) now holds the Householder vector v
    const vtv = 2 * (norm2 + Math.abs(head) * norm); // = v'v, without cancellation
    for (let c = j + 1; c < k; c++) reflect(a, cj, a, c * n, j, n, vtv);
    reflect(a, cj, qty, 0, j, n, vtv);
    diagonal[j] = alpha;
    let ssr = 0;
    for (let i = j + 1; i < n; i++) ssr += (qty[i] as number) * (qty[i] as number);
    prefixSsr[j] = ssr;
  }

  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    r[i * k + i] = diagonal[i] as number;
    for (let c = i + 1; c < k; c++) r[i * k + c] = a[c * n + i] as number;
  }
  return { rows: n, columns: k, r, qty, prefixSsr };
}

/** target[rows j..n) -= (2 v'target / v'v) v, with v stored in source[vOffset + j .. vOffset + n). */
function reflect(
  source: Float64Array,
  vOffset: number,
  target: Float64Array,
  tOffset: number,
  j: number,
  n: number,
  vtv: number,
): void {
  let dot = 0;
  for (let i = j; i < n; i++) dot += (source[vOffset + i] as number) * (target[tOffset + i] as number);
  const scale = (2 * dot) / vtv;
  for (let i = j; i < n; i++)
    target[tOffset + i] = (target[tOffset + i] as number) - scale * (source[vOffset + i] as number);
}

/** Solves R b = (Q'y)[0..m) for the leading m×m block of R (back substitution). */
export function solveLeading(qr: QrFactorization, m: number): Float64Array {
  const k = qr.columns;
  const b = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = qr.qty[i] as number;
    for (let c = i + 1; c < m; c++) sum -= (qr.r[i * k + c] as number) * (b[c] as number);
    b[i] = sum / (qr.r[i * k + i] as number);
  }
  return b;
}

/** diag((R'R)^-1) = the squared row norms of R^-1, for the first m columns: the unscaled coefficient variances. */
export function inverseGramDiagonal(qr: QrFactorization, m: number): Float64Array {
  const k = qr.columns;
  const inverse = new Float64Array(m * m); // R^-1, upper triangular, row-major m×m
  for (let c = 0; c < m; c++) {
    // Column c of R^-1 solves R x = e_c; x_i = 0 for i > c.
    inverse[c * m + c] = 1 / (qr.r[c * k + c] as number);
    for (let i = c - 1; i >= 0; i--) {
      let sum = 0;
      for (let l = i + 1; l <= c; l++) sum += (qr.r[i * k + l] as number) * (inverse[l * m + c] as number);
      inverse[i * m + c] = -sum / (qr.r[i * k + i] as number);
    }
  }
  const diagonal = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let c = i; c < m; c++) sum += (inverse[i * m + c] as number) * (inverse[i * m + c] as number);
    diagonal[i] = sum;
  }
  return diagonal;
}
