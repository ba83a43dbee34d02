import { InvalidInputError, quote } from '../core/errors.js';
import { centredGram } from './simd-gram.js';

/** N assets × T observations, row-major: asset i's observation t is `data[i · observations + t]`. */
export interface RowMajorObservations {
  readonly data: Float64Array;
  readonly assets: number;
  readonly observations: number;
}

/** One Float64Array per asset (all of the same length), or one row-major block. */
export type AssetObservations = readonly Float64Array[] | RowMajorObservations;

/**
 * How NaN (missing) observations are handled:
 * - 'pairwise-complete' (default, pandas `DataFrame.cov()` / `.corr()`): each pair uses the observations where
 *   both assets have values, with means over those observations;
 * - 'complete-case' (pandas `df.dropna().cov()`): only observations where every asset has a value.
 */
export const MISSING_DATA_POLICIES = ['pairwise-complete', 'complete-case'] as const;
export type MissingDataPolicy = (typeof MISSING_DATA_POLICIES)[number];

export interface CovarianceMatrixOptions {
  readonly missing?: MissingDataPolicy;
  /** Covariance divisor n − ddof: 1 (sample, default; numpy/pandas `cov`) or 0 (population). */
  readonly ddof?: 0 | 1;
  /** Entries backed by fewer common observations are NaN (pandas `min_periods`; default 1). */
  readonly minPeriods?: number;
}

/** A symmetric N×N matrix, row-major: entry (i, j) is `values[i · size + j]`. */
export interface SymmetricMatrix {
  readonly size: number;
  readonly values: Float64Array;
}

/**
 * Covariance matrix: C_ij = Σ_t (x_it − x̄_i)(x_jt − x̄_j) / (n − ddof) over the observations the missing-data
 * policy keeps (n of them). Agrees with numpy `cov` / pandas `cov` (see correlation-matrix.test.ts).
 */
export function covarianceMatrix(
  data: AssetObservations,
  options: CovarianceMatrixOptions = {},
): SymmetricMatrix {
  return crossProducts(data, options, 'covariance');
}

/**
 * Pearson correlation matrix: R_ij = S_ij / √(S_ii S_jj), S the centred cross-products over the observations
 * kept (pairwise: S_ii over the pair's common observations, as pandas does). A constant asset gives NaN.
 * Speed: one pass to centre each asset, then blocked SIMD dot products over the upper triangle only.
 */
export function correlationMatrix(
  data: AssetObservations,
  options: CovarianceMatrixOptions = {},
): SymmetricMatrix {
  return crossProducts(data, options, 'correlation');
}

function crossProducts(
  data: AssetObservations,
  options: CovarianceMatrixOptions,
  kind: 'covariance' | 'correlation',
): SymmetricMatrix {
  const rows = assetRows(data);
  const missing = options.missing ?? 'pairwise-complete';
  if (!(MISSING_DATA_POLICIES as readonly string[]).includes(missing)) {
    throw new InvalidInputError(
      `missing-data policy ${quote(missing)} must be one of ${MISSING_DATA_POLICIES.join(', ')}`,
    );
  }
  const ddof = options.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) throw new InvalidInputError(`ddof ${quote(ddof)} must be 0 or 1`);
  const minPeriods = options.minPeriods ?? 1;
  if (!Number.isInteger(minPeriods) || minPeriods < 1) {
    throw new InvalidInputError(`minPeriods ${quote(minPeriods)} must be an integer >= 1`);
  }
  const size = rows.length;
  const length = rows[0]?.length ?? 0;

  // One pass per asset: its sum, and whether it has gaps (a NaN sum can also come from +∞ and −∞, so check).
  const sums = new Float64Array(size);
  const hasGaps = new Uint8Array(size);
  rows.forEach((row, i) => {
    let sum = 0;
    for (let t = 0; t < length; t++) sum += row[t] as number;
    sums[i] = sum;
    if (Number.isNaN(sum))
      for (let t = 0; t < length && hasGaps[i] === 0; t++) if (Number.isNaN(row[t])) hasGaps[i] = 1;
  });

  // Complete-case: keep the observations where no asset is NaN; every asset then goes through the fast path.
  let selection: Int32Array | null = null;
  let count = length;
  if (missing === 'complete-case' && hasGaps.includes(1)) {
    const keep = new Uint8Array(length).fill(1);
    rows.forEach((row, i) => {
      if (hasGaps[i] === 1) for (let t = 0; t < length; t++) if (Number.isNaN(row[t])) keep[t] = 0;
    });
    selection = new Int32Array(keep.reduce((kept, flag) => kept + flag, 0));
    for (let t = 0, k = 0; t < length; t++) if (keep[t] === 1) selection[k++] = t;
    count = selection.length;
  }
  const complete: number[] = [];
  const withGaps: number[] = [];
  for (let i = 0; i < size; i++)
    (missing === 'pairwise-complete' && hasGaps[i] === 1 ? withGaps : complete).push(i);

  const values = new Float64Array(size * size);
  // Complete assets: centre once, then the SIMD Gram kernel.
  const means = new Float64Array(complete.length);
  complete.forEach((asset, k) => {
    if (selection === null) {
      means[k] = (sums[asset] as number) / count;
      return;
    }
    const row = rows[asset] as Float64Array;
    let sum = 0;
    for (let t = 0; t < count; t++) sum += row[selection[t] as number] as number;
    means[k] = sum / count;
  });
  const gram = centredGram(
    complete.map((asset) => rows[asset] as Float64Array),
    means,
    count,
    selection,
  );
  const m = complete.length;
  for (let a = 0; a < m; a++) {
    const i = complete[a] as number;
    for (let b = a; b < m; b++) {
      const j = complete[b] as number;
      const value = finish(
        gram[a * m + b] as number,
        gram[a * m + a] as number,
        gram[b * m + b] as number,
        count,
      );
      values[i * size + j] = value;
      values[j * size + i] = value;
    }
  }
  // Pairs that involve an asset with gaps: two passes over the pair's common observations.
  const inGaps = new Uint8Array(size);
  for (const i of withGaps) inGaps[i] = 1;
  for (const i of withGaps) {
    for (let j = 0; j < size; j++) {
      if (inGaps[j] === 1 && j < i) continue; // that pair was done from j's side
      const value = pairwise(rows[i] as Float64Array, rows[j] as Float64Array);
      values[i * size + j] = value;
      values[j * size + i] = value;
    }
  }
  return { size, values };

  function finish(sxy: number, sxx: number, syy: number, n: number): number {
    if (n < minPeriods) return Number.NaN;
    if (kind === 'covariance') return n - ddof > 0 ? sxy / (n - ddof) : Number.NaN;
    const divisor = Math.sqrt(sxx * syy);
    return divisor !== 0 ? sxy / divisor : Number.NaN;
  }

  function pairwise(x: Float64Array, y: Float64Array): number {
    let n = 0;
    let sumX = 0;
    let sumY = 0;
    for (let t = 0; t < length; t++) {
      const a = x[t] as number;
      const b = y[t] as number;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      n++;
      sumX += a;
      sumY += b;
    }
    const meanX = sumX / n;
    const meanY = sumY / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let t = 0; t < length; t++) {
      const a = x[t] as number;
      const b = y[t] as number;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      sxy += (a - meanX) * (b - meanY);
      sxx += (a - meanX) * (a - meanX);
      syy += (b - meanY) * (b - meanY);
    }
    return finish(sxy, sxx, syy, n);
  }
}

function assetRows(data: AssetObservations): readonly Float64Array[] {
  if (!Array.isArray(data)) {
    const { data: values, assets, observations } = data as RowMajorObservations;
    if (!Number.isInteger(assets) || assets < 0 || !Number.isInteger(observations) || observations < 0) {
      throw new InvalidInputError(
        `matrix shape ${quote(`${assets}x${observations}`)} must be two integers >= 0`,
      );
    }
    if (values.length !== assets * observations) {
      throw new InvalidInputError(
        `matrix data length ${quote(values.length)} must equal assets × observations = ${assets * observations}`,
      );
    }
    return Array.from({ length: assets }, (_, i) =>
      values.subarray(i * observations, (i + 1) * observations),
    );
  }
  const rows = data as readonly Float64Array[];
  const length = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== length) {
      throw new InvalidInputError(
        `asset ${i} has ${quote(row.length)} observations; expected ${length} like asset 0`,
      );
    }
  });
  return rows;
}
