import { InvalidInputError, quote } from '../../core/errors.js';
import { requireWholeNumber } from '../baselines/baseline-checks.js';

/**
 * Point-forecast accuracy measures over one forecast path (actual y_1 .. y_n against forecasts ŷ_1 .. ŷ_n).
 * Definitions follow Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", and the M4
 * competition (Makridakis et al. 2020) for sMAPE. Percentage measures are in percent. A measure that is
 * undefined for the data (MAPE with an actual of 0, MASE with a zero scale) is NaN, not an error: it is an
 * expected outcome that a report prints as such.
 */

function checkPair(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length === 0) throw new InvalidInputError('actual values must hold at least one value');
  if (predicted.length !== actual.length)
    throw new InvalidInputError(
      `forecasts ${quote(predicted.length)} must be as many as actual values ${quote(actual.length)}`,
    );
  return actual.length;
}

/** MAE = (1/n) Σ |y_t - ŷ_t|. */
export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += Math.abs((actual[t] as number) - (predicted[t] as number));
  return sum / n;
}

/** RMSE = sqrt((1/n) Σ (y_t - ŷ_t)²). */
export function rootMeanSquaredError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += ((actual[t] as number) - (predicted[t] as number)) ** 2;
  return Math.sqrt(sum / n);
}

/** MAPE = (100/n) Σ |y_t - ŷ_t| / |y_t|, in percent; NaN when any actual is 0 (the ratio is undefined). */
export function meanAbsolutePercentageError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPair(actual, predicted);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const y = actual[t] as number;
    if (y === 0) return Number.NaN;
    sum += Math.abs((y - (predicted[t] as number)) / y);
  }
  return (100 * sum) / n;
}

/**
 * sMAPE as the M4 competition defines it: (200/n) Σ |y_t - ŷ_t| / (|y_t| + |ŷ_t|), in percent, bounded by
 * 200. A term with y_t = ŷ_t = 0 (a perfect forecast of zero, 0/0) counts as 0.
 */
export function symmetricMeanAbsolutePercentageError(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): number {
  const n = checkPair(actual, predicted);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const y = actual[t] as number;
    const forecast = predicted[t] as number;
    const denominator = Math.abs(y) + Math.abs(forecast);
    if (denominator > 0) sum += Math.abs(y - forecast) / denominator;
  }
  return (200 * sum) / n;
}

/**
 * The MASE scale: the in-sample mean absolute error of the seasonal naive forecast of season length m,
 * (1/(T - m)) Σ_{t=m+1}^{T} |y_t - y_{t-m}| over the training values y_1 .. y_T (m = 1: the naive forecast).
 * Needs T > m.
 */
export function seasonalNaiveScale(insample: ArrayLike<number>, seasonLength: number): number {
  const m = requireWholeNumber('season length', seasonLength, 1);
  if (insample.length <= m)
    throw new InvalidInputError(
      `in-sample series of ${quote(insample.length)} values must be longer than the season length ${m}`,
    );
  let sum = 0;
  for (let t = m; t < insample.length; t++)
    sum += Math.abs((insample[t] as number) - (insample[t - m] as number));
  return sum / (insample.length - m);
}

/**
 * MASE (Hyndman & Koehler 2006): MAE of the forecast divided by seasonalNaiveScale(insample, m). Below 1 the
 * forecast beats the in-sample seasonal naive on average. NaN when the scale is 0 (a series that repeats
 * itself exactly every m steps in sample).
 */
export function meanAbsoluteScaledError(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  insample: ArrayLike<number>,
  seasonLength: number,
): number {
  const scale = seasonalNaiveScale(insample, seasonLength);
  const error = meanAbsoluteError(actual, predicted);
  return scale > 0 ? error / scale : Number.NaN;
}
