import { InvalidInputError, quote } from '../../core/errors.js';
import { normalQuantile } from '../../forecasting/baselines/normal-quantile.js';
import type { QuantileForecast } from '../../forecasting/series-forecaster.types.js';
import type { NeuralTrendConfig } from './config.js';

/** A step's z-score is clipped to ±3 so that one step with a near-zero interval cannot dominate the path. */
export const Z_CLIP = 3;

/** Where the median and the central interval's bounds sit in a forecast's quantile levels. */
export interface IntervalLevels {
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
  /** κ = Φ⁻¹((1 + c) / 2): the interval's half-width in standard deviations of a normal forecast. */
  readonly critical: number;
}

const LEVEL_TOLERANCE = 1e-9;

/**
 * The bounds (1 − c) / 2 and (1 + c) / 2 of the central interval at level c, rounded to 12 significant
 * digits so that c = 0.8 gives exactly 0.1 and 0.9 (not 0.09999999999999998), the levels models forecast.
 */
export function centralLevels(level: number): readonly [number, number] {
  const round = (x: number): number => Number(x.toPrecision(12));
  return [round((1 - level) / 2), round((1 + level) / 2)];
}

/**
 * Finds levels 0.5, (1 − c) / 2 and (1 + c) / 2 among `quantiles` (to within 1e-9), or throws naming the
 * forecaster and the missing level: the strategy never interpolates an interval the model did not forecast.
 */
export function intervalLevels(quantiles: readonly number[], level: number, source: string): IntervalLevels {
  const find = (wanted: number): number => {
    const index = quantiles.findIndex((q) => Math.abs(q - wanted) < LEVEL_TOLERANCE);
    if (index < 0) {
      throw new InvalidInputError(
        `forecaster ${quote(source)} forecasts quantiles ${quote(quantiles)}; intervalLevel ${quote(level)} needs level ${quote(wanted)}`,
      );
    }
    return index;
  };
  const [lower, upper] = centralLevels(level);
  return {
    median: find(0.5),
    lower: find(lower),
    upper: find(upper),
    critical: normalQuantile((1 + level) / 2),
  };
}

const clip = (x: number): number => (x > Z_CLIP ? Z_CLIP : x < -Z_CLIP ? -Z_CLIP : x);

/**
 * The confidence-weighted sign of one timeframe's forecast path: for steps j = 1 .. `steps`,
 * r_j = median_j / close − 1 (expected return to step j), s_j = (upper_j − lower_j) / (2 κ close) (its
 * standard deviation read from the central interval's width, exact for a normal forecast) and
 * z_j = r_j / s_j, clipped to ±3; the score is the mean of the z_j. A zero-width step counts ±3 in the
 * direction of its move (0 when it expects none). Narrow intervals relative to the expected move give large
 * |z|: that is what sizes the position (targetFraction).
 */
export function pathScore(
  forecast: QuantileForecast,
  close: number,
  steps: number,
  levels: IntervalLevels,
): number {
  const width = forecast.quantiles.length;
  let total = 0;
  for (let step = 0; step < steps; step++) {
    const at = (index: number): number => forecast.values[step * width + index] as number;
    const expected = at(levels.median) / close - 1;
    const deviation = (at(levels.upper) - at(levels.lower)) / (2 * levels.critical * close);
    total += deviation > 0 ? clip(expected / deviation) : Math.sign(expected) * Z_CLIP;
  }
  return total / steps;
}

/**
 * Combines the two timeframes: z = (1 − w) z_base + w z_higher. When both are read (w > 0) and they point in
 * opposite directions the timeframes disagree and the score is 0: the strategy trades a direction only when
 * the short and the longer view share it.
 */
export function combineTimeframes(base: number, higher: number, weight: number): number {
  if (weight === 0) return base;
  if (base * higher < 0) return 0;
  return (1 - weight) * base + weight * higher;
}

/**
 * The signed fraction of equity to hold: size(z) = maxPositionPercent / 100 × min(1, |z| / fullSizeZ).
 * Flat (`held` 0): long when z >= entryThreshold, short when z <= −entryThreshold and shorts are allowed.
 * Holding direction d: keep it while d z >= exitThreshold (resized by the same formula), else go flat; a
 * reversal needs the entry threshold on the other side.
 */
export function targetFraction(
  z: number,
  held: -1 | 0 | 1,
  config: Pick<
    NeuralTrendConfig,
    'entryThreshold' | 'exitThreshold' | 'fullSizeZ' | 'maxPositionPercent' | 'allowShort'
  >,
): number {
  const size = (config.maxPositionPercent / 100) * Math.min(1, Math.abs(z) / config.fullSizeZ);
  if (held !== 0 && held * z >= config.exitThreshold) return held * size;
  if (z >= config.entryThreshold) return size;
  if (z <= -config.entryThreshold && config.allowShort) return -size;
  return 0;
}
