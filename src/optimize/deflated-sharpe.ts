import { InvalidInputError, quote } from '../core/errors.js';
import { normalQuantile } from '../risk/metrics/normal-quantile.js';
import { moments } from '../stats/moments.js';
import { normalCdf } from '../stats/normal-distribution.js';

/**
 * Deflated Sharpe Ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
 * Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014).
 *
 * Selecting the best of N trials inflates its Sharpe ratio. Under the null of no skill the expected maximum
 * of N independent Sharpe estimates with cross-trial variance V[SR] is (eq. 2 via the False Strategy theorem)
 *   SR₀ = E[max SR] ≈ √V[SR] · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))),   γ = 0.5772… (Euler-Mascheroni)
 * and the DSR is the Probabilistic Sharpe Ratio of the chosen trial against SR₀:
 *   DSR = Φ( (SR* − SR₀) √(T − 1) / √(1 − γ̂₃ SR* + (γ̂₄ − 1)/4 · SR*²) )
 * where SR* is the chosen trial's per-period (not annualized) Sharpe ratio, T its number of returns, γ̂₃ the
 * skewness and γ̂₄ the (non-excess) kurtosis of its returns. DSR is the probability that the true Sharpe ratio
 * exceeds what selection alone would produce; above 0.95 is the paper's significance threshold.
 * Conventions: Sharpe = mean / sample standard deviation (ddof 1) of the simple per-period returns, no
 * risk-free rate; skewness and kurtosis are the biased moment ratios (m₃/m₂^{3/2}, m₄/m₂²), as in the paper's
 * estimator. With N = 1 there is no selection: SR₀ = 0 and DSR is the PSR against 0.
 */
export const EULER_MASCHERONI = 0.5772156649015329;

/** E[max SR] of `trials` independent zero-skill trials whose Sharpe estimates have variance `sharpeVariance`. */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isInteger(trials) || trials < 1)
    throw new InvalidInputError(`trials ${quote(trials)} must be an integer >= 1`);
  if (!(sharpeVariance >= 0))
    throw new InvalidInputError(`Sharpe variance ${quote(sharpeVariance)} must be >= 0`);
  if (trials === 1) return 0;
  const g = EULER_MASCHERONI;
  return (
    Math.sqrt(sharpeVariance) *
    ((1 - g) * normalQuantile(1 - 1 / trials) + g * normalQuantile(1 - 1 / (trials * Math.E)))
  );
}

export interface DeflatedSharpeInput {
  /** SR*: the chosen trial's per-period Sharpe ratio. */
  readonly sharpe: number;
  /** T: its number of returns. */
  readonly observations: number;
  /** N: the number of trials the choice was made from (independent ones, if known). */
  readonly trials: number;
  /** V[SR]: variance of the per-period Sharpe ratios across the trials. */
  readonly sharpeVariance: number;
  /** γ̂₃ of the chosen trial's returns (0 for normal returns). */
  readonly skewness: number;
  /** γ̂₄, non-excess (3 for normal returns). */
  readonly kurtosis: number;
}

export interface DeflatedSharpeResult {
  /** Φ(z): probability that the true Sharpe exceeds SR₀ (NaN when undefined). */
  readonly deflatedSharpe: number;
  /** SR₀ = E[max SR] under the null, per period. */
  readonly expectedMaxSharpe: number;
  readonly zScore: number;
  readonly sharpe: number;
  readonly observations: number;
  readonly trials: number;
  readonly sharpeVariance: number;
  readonly skewness: number;
  readonly kurtosis: number;
}

/** The DSR from its inputs; NaN when T < 2 or the non-normality term 1 − γ̂₃SR + (γ̂₄−1)/4·SR² is not positive. */
export function deflatedSharpeRatio(input: DeflatedSharpeInput): DeflatedSharpeResult {
  const { sharpe, observations, skewness, kurtosis } = input;
  const sr0 = expectedMaxSharpe(input.trials, input.sharpeVariance);
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  const zScore =
    observations >= 2 && spread > 0
      ? ((sharpe - sr0) * Math.sqrt(observations - 1)) / Math.sqrt(spread)
      : Number.NaN;
  return {
    ...input,
    deflatedSharpe: Number.isNaN(zScore) ? Number.NaN : normalCdf(zScore),
    expectedMaxSharpe: sr0,
    zScore,
  };
}

/** Per-period Sharpe ratio mean / sd (ddof 1) of the non-NaN returns; NaN with fewer than 2 or zero spread. */
export function periodSharpe(returns: Float64Array): number {
  const m = moments(returns, { ddof: 1, adjusted: false });
  return m.standardDeviation > 0 ? m.mean / m.standardDeviation : Number.NaN;
}

/**
 * The DSR of the chosen trial from the returns of every trial: SR*, T, γ̂₃ and γ̂₄ from `chosen`, V[SR] the
 * sample variance of the per-period Sharpe ratios of `allTrials` (trials without a Sharpe, e.g. flat ones,
 * are left out of the variance), N = `trials` (default: the number of trials given, which should include the
 * chosen one and every failed or infeasible trial, since they were tried too).
 */
export function deflatedSharpeFromReturns(
  chosen: Float64Array,
  allTrials: readonly Float64Array[],
  trials = allTrials.length,
): DeflatedSharpeResult {
  const m = moments(chosen, { ddof: 1, adjusted: false });
  const sharpes: number[] = [];
  for (const returns of allTrials) {
    const sr = periodSharpe(returns);
    if (Number.isFinite(sr)) sharpes.push(sr);
  }
  const sharpeVariance = sharpes.length >= 2 ? moments(Float64Array.from(sharpes), { ddof: 1 }).variance : 0;
  return deflatedSharpeRatio({
    sharpe: m.standardDeviation > 0 ? m.mean / m.standardDeviation : Number.NaN,
    observations: m.count,
    trials,
    sharpeVariance,
    skewness: m.skewness,
    kurtosis: m.excessKurtosis + 3,
  });
}
