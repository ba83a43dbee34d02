import { InvalidInputError, quote } from '../../core/errors.js';
import type { SymmetricMatrix } from '../../stats/correlation-matrix.js';

/**
 * Cholesky factor L (lower triangular, row-major, L·Lᵀ = C) of a covariance matrix, by the
 * Cholesky-Banachiewicz recurrence: L_jj = √(C_jj − Σ_{k<j} L_jk²), L_ij = (C_ij − Σ_{k<j} L_ik L_jk) / L_jj.
 * Covariances estimated from data are often only positive semi-definite (an asset that is a combination of
 * others, fewer observations than assets); a pivot within 1e-12 × the largest diagonal entry of zero is
 * treated as zero and its column of L set to 0, which still gives L·Lᵀ = C on the semi-definite part.
 * A pivot clearly below zero means the matrix is not a covariance matrix: InvalidInputError.
 */
export function choleskyFactor(covariance: SymmetricMatrix): Float64Array {
  const n = covariance.size;
  const c = covariance.values;
  if (c.length !== n * n) {
    throw new InvalidInputError(`covariance has ${quote(c.length)} entries; expected ${n}×${n}`);
  }
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(c[i * n + i] as number));
  const tolerance = 1e-12 * scale;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let pivot = c[j * n + j] as number;
    for (let k = 0; k < j; k++) pivot -= (l[j * n + k] as number) ** 2;
    if (!(pivot > tolerance)) {
      if (pivot < -tolerance || Number.isNaN(pivot)) {
        throw new InvalidInputError(
          `covariance matrix is not positive semi-definite (pivot ${quote(pivot)} at asset ${j})`,
        );
      }
      continue; // a zero column: this asset adds no variance of its own
    }
    const diagonal = Math.sqrt(pivot);
    l[j * n + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      let sum = c[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = sum / diagonal;
    }
  }
  return l;
}
