import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation (Bailey, Borwein,
 * López de Prado, Zhu, "The Probability of Backtest Overfitting", Journal of Computational Finance 20(4),
 * 2017; working paper 2015).
 *
 * Input: N trials' per-period returns over the same T periods (a T×N matrix, one column per trial).
 * 1. Split the T rows into S contiguous blocks (S even; sizes differ by at most one row, the first T mod S
 *    blocks one row longer).
 * 2. For each of the C(S, S/2) ways to choose S/2 blocks as in-sample (IS; the rest, in time order, are
 *    out-of-sample, OOS): pick the trial n* with the best IS Sharpe ratio (the lowest index on ties), find the
 *    rank ω of its OOS Sharpe among the N trials' OOS Sharpe ratios (1 = worst, N = best, mid-rank on ties),
 *    its relative rank ω̄ = ω / (N + 1) and logit λ = ln(ω̄ / (1 − ω̄)).
 * 3. PBO = the share of combinations with λ ≤ 0: how often the IS winner does no better than the OOS median.
 * Performance degradation: the IS and OOS Sharpe ratios of each chosen trial, the least-squares slope of OOS on
 * IS, and the probability of loss (share of combinations whose chosen trial has an OOS Sharpe < 0).
 *
 * Sharpe ratio here: per period, mean / sample sd (ddof 1), no risk-free rate (ranks do not depend on
 * annualization). A block set with zero spread has Sharpe +∞ / −∞ / 0 as its mean is > 0 / < 0 / 0.
 * Cost: per-block sums and sums of squares of each trial's returns (centred on the trial's mean, for accuracy)
 * are computed once, so each combination costs O(N·S) additions: C(16, 8) = 12,870 combinations of 1,000
 * trials are ~10⁸ additions.
 */
export interface PboOptions {
  /** S: number of blocks, even, ≥ 2 (default 16). */
  readonly blocks?: number;
}

export interface PboResult {
  /** Share of combinations with λ ≤ 0. */
  readonly pbo: number;
  /** λ of each combination, in the lexicographic order of the IS block sets. */
  readonly logits: Float64Array;
  /** Index (column) of the trial chosen in-sample, per combination. */
  readonly chosenTrial: Int32Array;
  /** IS and OOS per-period Sharpe ratios of the chosen trial, per combination. */
  readonly inSampleSharpe: Float64Array;
  readonly outOfSampleSharpe: Float64Array;
  /** Least-squares slope and intercept of OOS on IS Sharpe of the chosen trials (NaN when IS has no spread). */
  readonly degradationSlope: number;
  readonly degradationIntercept: number;
  /** Share of combinations whose chosen trial loses out of sample (OOS Sharpe < 0). */
  readonly probabilityOfLoss: number;
  readonly combinations: number;
  readonly blocks: number;
  readonly trials: number;
  readonly observations: number;
}

/** C(n, k) as a double (exact for the sizes used here). */
export function binomialCoefficient(n: number, k: number): number {
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return Math.round(value);
}

function sharpeFromSums(sum: number, sumSquares: number, count: number, shift: number): number {
  const centredMean = sum / count;
  const variance = Math.max((sumSquares - sum * centredMean) / (count - 1), 0);
  const mean = centredMean + shift;
  if (variance > 0) return mean / Math.sqrt(variance);
  return mean > 0 ? Number.POSITIVE_INFINITY : mean < 0 ? Number.NEGATIVE_INFINITY : 0;
}

function validate(returns: readonly Float64Array[], blocks: number): number {
  if (returns.length < 2)
    throw new InvalidInputError(`PBO needs at least 2 trials, got ${quote(returns.length)}`);
  if (!Number.isInteger(blocks) || blocks < 2 || blocks % 2 !== 0)
    throw new InvalidInputError(`blocks ${quote(blocks)} must be an even integer >= 2`);
  const rows = (returns[0] as Float64Array).length;
  returns.forEach((column, n) => {
    if (column.length !== rows)
      throw new InvalidInputError(
        `trial ${n} has ${quote(column.length)} returns, expected ${rows} like trial 0`,
      );
    for (let t = 0; t < rows; t++)
      if (!Number.isFinite(column[t]))
        throw new InvalidInputError(`trial ${n} return ${t} ${quote(column[t])} must be a finite number`);
  });
  if (rows < blocks || Math.floor(rows / blocks) * (blocks / 2) < 2)
    throw new InvalidInputError(
      `PBO with ${blocks} blocks needs at least ${Math.max(blocks, 4)} returns, got ${quote(rows)}`,
    );
  return rows;
}

export function probabilityOfBacktestOverfitting(
  returns: readonly Float64Array[],
  options: PboOptions = {},
): PboResult {
  const blocks = options.blocks ?? 16;
  const rows = validate(returns, blocks);
  const trials = returns.length;
  // Block-major sums so the inner loop over trials is contiguous: sums[b·N + n].
  const sums = new Float64Array(blocks * trials);
  const squares = new Float64Array(blocks * trials);
  const counts = new Float64Array(blocks);
  const shifts = new Float64Array(trials);
  const base = Math.floor(rows / blocks);
  const longer = rows % blocks;
  for (let n = 0; n < trials; n++) {
    const column = returns[n] as Float64Array;
    let total = 0;
    for (let t = 0; t < rows; t++) total += column[t] as number;
    const shift = total / rows;
    shifts[n] = shift;
    let t = 0;
    for (let b = 0; b < blocks; b++) {
      const size = base + (b < longer ? 1 : 0);
      counts[b] = size;
      let s = 0;
      let q = 0;
      for (const end = t + size; t < end; t++) {
        const d = (column[t] as number) - shift;
        s += d;
        q += d * d;
      }
      sums[b * trials + n] = s;
      squares[b * trials + n] = q;
    }
  }
  const totalSum = new Float64Array(trials);
  const totalSquares = new Float64Array(trials);
  for (let b = 0; b < blocks; b++)
    for (let n = 0; n < trials; n++) {
      totalSum[n] = (totalSum[n] as number) + (sums[b * trials + n] as number);
      totalSquares[n] = (totalSquares[n] as number) + (squares[b * trials + n] as number);
    }

  const half = blocks / 2;
  const combinations = binomialCoefficient(blocks, half);
  const logits = new Float64Array(combinations);
  const chosenTrial = new Int32Array(combinations);
  const inSampleSharpe = new Float64Array(combinations);
  const outOfSampleSharpe = new Float64Array(combinations);
  const isSum = new Float64Array(trials);
  const isSquares = new Float64Array(trials);
  const oosSharpe = new Float64Array(trials);
  const chosen = Int32Array.from({ length: half }, (_, i) => i);
  let overfit = 0;
  let losses = 0;
  for (let c = 0; c < combinations; c++) {
    isSum.fill(0);
    isSquares.fill(0);
    let isCount = 0;
    for (let i = 0; i < half; i++) {
      const b = chosen[i] as number;
      isCount += counts[b] as number;
      const offset = b * trials;
      for (let n = 0; n < trials; n++) {
        isSum[n] = (isSum[n] as number) + (sums[offset + n] as number);
        isSquares[n] = (isSquares[n] as number) + (squares[offset + n] as number);
      }
    }
    const oosCount = rows - isCount;
    let best = 0;
    let bestSharpe = Number.NEGATIVE_INFINITY;
    for (let n = 0; n < trials; n++) {
      const shift = shifts[n] as number;
      const inSample = sharpeFromSums(isSum[n] as number, isSquares[n] as number, isCount, shift);
      if (inSample > bestSharpe || n === 0) {
        bestSharpe = inSample;
        best = n;
      }
      const oosSum = (totalSum[n] as number) - (isSum[n] as number);
      oosSharpe[n] = sharpeFromSums(
        oosSum,
        (totalSquares[n] as number) - (isSquares[n] as number),
        oosCount,
        shift,
      );
    }
    const target = oosSharpe[best] as number;
    let below = 0;
    let ties = 0;
    for (let n = 0; n < trials; n++) {
      const value = oosSharpe[n] as number;
      if (value < target) below++;
      else if (value === target && n !== best) ties++;
    }
    const relativeRank = (1 + below + ties / 2) / (trials + 1);
    const logit = Math.log(relativeRank / (1 - relativeRank));
    logits[c] = logit;
    chosenTrial[c] = best;
    inSampleSharpe[c] = bestSharpe;
    outOfSampleSharpe[c] = target;
    if (logit <= 0) overfit++;
    if (target < 0) losses++;
    nextCombination(chosen, blocks);
  }
  const { slope, intercept } = leastSquares(inSampleSharpe, outOfSampleSharpe);
  return {
    pbo: overfit / combinations,
    logits,
    chosenTrial,
    inSampleSharpe,
    outOfSampleSharpe,
    degradationSlope: slope,
    degradationIntercept: intercept,
    probabilityOfLoss: losses / combinations,
    combinations,
    blocks,
    trials,
    observations: rows,
  };
}

/** Advances a sorted k-subset of 0…n−1 to the next in lexicographic order (wraps after the last). */
function nextCombination(chosen: Int32Array, n: number): void {
  const k = chosen.length;
  let i = k - 1;
  while (i >= 0 && (chosen[i] as number) === n - k + i) i--;
  if (i < 0) return;
  chosen[i] = (chosen[i] as number) + 1;
  for (let j = i + 1; j < k; j++) chosen[j] = (chosen[j - 1] as number) + 1;
}

/** OLS y = a + b·x over the pairs where both are finite. */
function leastSquares(x: Float64Array, y: Float64Array): { slope: number; intercept: number } {
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      count++;
      sx += x[i] as number;
      sy += y[i] as number;
    }
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sxx += ((x[i] as number) - mx) ** 2;
      sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    }
  if (!(sxx > 0)) return { slope: Number.NaN, intercept: Number.NaN };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
