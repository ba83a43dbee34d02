import { InvalidInputError } from '../../core/errors.js';
import { engleGranger } from '../../stats/engle-granger.js';
import { halfLife } from '../../stats/half-life.js';
import { mackinnonPValue } from '../../stats/mackinnon.js';
import { CointegrationScreen } from './cointegration-screen.js';
import type { PairsConfig } from './config.js';

/** The formation statistics of one ordered pair: y (dependent) regressed on x. */
export interface PairTest {
  readonly yIndex: number;
  readonly xIndex: number;
  /** Engle-Granger (MacKinnon) p-value; small rejects "not cointegrated". */
  readonly pValue: number;
  /** OLS slope β of y on x over the window (with a constant): the formation hedge ratio. */
  readonly hedgeRatio: number;
  /** Half-life in bars of the regression residuals (the spread), −ln 2 / ln(1 + b) of its AR(1) fit. */
  readonly halfLife: number;
  /** Residual variance σ̂² = SSR / (n − 2) of that regression. */
  readonly residualVariance: number;
}

/**
 * Engle-Granger test of y on x (constant, ADF on the residuals with `adfLags` lags, or AIC up to Schwert's
 * bound with 'aic'; Chan's cadf uses one lag) and the half-life of the residual spread. Returns null for a pair
 * that cannot be tested or traded: a flat series (no spread to speak of; as x, OLS refuses it), an exact linear
 * relation (τ = −∞: a spread that never moves has nothing to trade), or any other input the regression refuses.
 */
export function testPair(
  windows: readonly Float64Array[],
  yIndex: number,
  xIndex: number,
  adfLags: PairsConfig['adfLags'],
): PairTest | null {
  const y = windows[yIndex] as Float64Array;
  const x = windows[xIndex] as Float64Array;
  if (isFlat(y) || isFlat(x)) return null;
  try {
    const test = engleGranger(y, x, adfLags === 'aic' ? {} : { lags: adfLags });
    if (test.statistic === -Infinity) return null;
    return {
      yIndex,
      xIndex,
      pValue: test.pValue,
      hedgeRatio: test.hedgeRatios[0] as number,
      halfLife: halfLife(test.residuals).halfLife,
      residualVariance: test.regression.scale,
    };
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    throw error;
  }
}

function isFlat(values: Float64Array): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

/** Whether a formation test qualifies: p ≤ maxPValue, β > 0 (a market-neutral pair), half-life in range. */
export function qualifies(test: PairTest, config: PairsConfig): boolean {
  return (
    test.pValue <= config.maxPValue &&
    test.hedgeRatio > 0 &&
    test.halfLife >= config.minHalfLife &&
    test.halfLife <= config.maxHalfLife
  );
}

/**
 * Chooses new pairs among the symbols marked free: every pair i < j of free symbols (y = the one listed first
 * in `symbols`, x = the other; Engle-Granger is not symmetric and the universe order fixes which leg is
 * dependent) is tested, those that qualify are ranked by p-value (then the shorter half-life, then the order
 * of the universe), and taken greedily while both symbols are still free and fewer than `slots` were taken,
 * so no symbol is in two pairs. With a fixed `adfLags` each candidate first goes through CointegrationScreen
 * (the same τ from sums, allocation-free): only those whose screened p-value is within twice maxPValue (a
 * margin for rounding) get the full Engle-Granger test, so C(free, 2) cheap screens and a few full tests.
 */
export function selectPairs(
  windows: readonly Float64Array[],
  free: Uint8Array,
  slots: number,
  config: PairsConfig,
): PairTest[] {
  if (slots <= 0) return [];
  const passed: PairTest[] = [];
  const lags = config.adfLags;
  const screen = lags === 'aic' ? null : new CointegrationScreen((windows[0] as Float64Array).length, lags);
  const screenPValue = Math.min(1, 2 * config.maxPValue);
  for (let i = 0; i < windows.length; i++) {
    if (free[i] !== 1) continue;
    for (let j = i + 1; j < windows.length; j++) {
      if (free[j] !== 1) continue;
      if (screen !== null) {
        const tau = screen.tau(windows[i] as Float64Array, windows[j] as Float64Array);
        if (!(mackinnonPValue(tau, 'c', 2) <= screenPValue)) continue;
      }
      const test = testPair(windows, i, j, config.adfLags);
      if (test !== null && qualifies(test, config)) passed.push(test);
    }
  }
  passed.sort((a, b) => a.pValue - b.pValue || a.halfLife - b.halfLife);
  const taken = Uint8Array.from(free, (f) => (f === 1 ? 0 : 1));
  const chosen: PairTest[] = [];
  for (const test of passed) {
    if (chosen.length === slots) break;
    if (taken[test.yIndex] === 1 || taken[test.xIndex] === 1) continue;
    taken[test.yIndex] = 1;
    taken[test.xIndex] = 1;
    chosen.push(test);
  }
  return chosen;
}
