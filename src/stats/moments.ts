import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Sample moments. NaN values are skipped (pandas' skipna=True); n below is the count of the others.
 * With deviations d_i = x_i − x̄ and sums S_k = Σ d_i^k:
 * - mean x̄ = Σx / n
 * - variance: sample S₂/(n−1) (default, ddof = 1, pandas `var`) or population S₂/n (ddof = 0, numpy `var`)
 * - skewness: biased g₁ = (S₃/n) / (S₂/n)^{3/2} (scipy.stats.skew, bias=True), or the adjusted
 *   Fisher-Pearson G₁ = g₁ √(n(n−1)) / (n−2) (default; scipy skew(bias=False), pandas `skew`, Excel SKEW)
 * - excess kurtosis: biased g₂ = (S₄/n) / (S₂/n)² − 3 (scipy.stats.kurtosis, fisher=True, bias=True), or the
 *   adjusted G₂ = ((n+1) g₂ + 6)(n−1) / ((n−2)(n−3)) (default; scipy kurtosis(bias=False), pandas `kurt`,
 *   Excel KURT)
 * Too few values (n < 1 for the mean, n ≤ ddof for the variance, n < 3 for adjusted skewness, n < 4 for adjusted
 * kurtosis) or zero variance give NaN, as scipy does (pandas returns 0 for zero variance).
 */
export interface MomentOptions {
  /** Delta degrees of freedom of the variance: 1 (sample, default) or 0 (population). */
  readonly ddof?: 0 | 1;
  /** Small-sample adjusted skewness / excess kurtosis (G₁, G₂; default true) or the biased g₁, g₂. */
  readonly adjusted?: boolean;
}

export interface Moments {
  readonly count: number;
  readonly mean: number;
  readonly variance: number;
  readonly standardDeviation: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

/** Every moment from two passes over the data (the mean, then the central sums). */
export function moments(values: Float64Array, options: MomentOptions = {}): Moments {
  const ddof = options.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) throw new InvalidInputError(`ddof ${quote(ddof)} must be 0 or 1`);
  const adjusted = options.adjusted ?? true;
  const { count, mean } = countAndMean(values);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const n = count;
  const variance = n > ddof ? s2 / (n - ddof) : Number.NaN;
  const m2 = s2 / n;
  const g1 = m2 > 0 ? s3 / n / Math.pow(m2, 1.5) : Number.NaN;
  const g2 = m2 > 0 ? s4 / n / (m2 * m2) - 3 : Number.NaN;
  const skewness = adjusted ? (n >= 3 ? (g1 * Math.sqrt(n * (n - 1))) / (n - 2) : Number.NaN) : g1;
  const excessKurtosis = adjusted
    ? n >= 4
      ? (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3))
      : Number.NaN
    : g2;
  return { count, mean, variance, standardDeviation: Math.sqrt(variance), skewness, excessKurtosis };
}

function countAndMean(values: Float64Array): { readonly count: number; readonly mean: number } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return { count, mean: count > 0 ? sum / count : Number.NaN };
}

/** Arithmetic mean of the non-NaN values (NaN when there are none). */
export function mean(values: Float64Array): number {
  return countAndMean(values).mean;
}

/** Sample (ddof 1, default) or population (ddof 0) variance of the non-NaN values. */
export function variance(values: Float64Array, options: Pick<MomentOptions, 'ddof'> = {}): number {
  const ddof = options.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) throw new InvalidInputError(`ddof ${quote(ddof)} must be 0 or 1`);
  const { count, mean: center } = countAndMean(values);
  let s2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) s2 += (v - center) * (v - center);
  }
  return count > ddof ? s2 / (count - ddof) : Number.NaN;
}

export function standardDeviation(values: Float64Array, options: Pick<MomentOptions, 'ddof'> = {}): number {
  return Math.sqrt(variance(values, options));
}

export function skewness(values: Float64Array, options: Pick<MomentOptions, 'adjusted'> = {}): number {
  return moments(values, options).skewness;
}

export function excessKurtosis(values: Float64Array, options: Pick<MomentOptions, 'adjusted'> = {}): number {
  return moments(values, options).excessKurtosis;
}
