import { InvalidInputError, quote } from '../../core/errors.js';
import type { QuantileForecast } from '../series-forecaster.types.js';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  rootMeanSquaredError,
  symmetricMeanAbsolutePercentageError,
} from './point-metrics.js';
import { centralIntervals, intervalCoverage, pinballLoss, quantilePath } from './probabilistic-metrics.js';

export interface QuantileLoss {
  readonly quantile: number;
  readonly loss: number;
}

export interface IntervalCoverage {
  /** Nominal coverage of the central interval (0.8 for the levels 0.1 and 0.9). */
  readonly level: number;
  readonly lowerQuantile: number;
  readonly upperQuantile: number;
  /** Fraction of the actual values inside it. */
  readonly coverage: number;
}

/** Every accuracy measure of one forecast path (or, from averageMetrics, their means over paths). */
export interface ForecastMetrics {
  /** Point measures of the median forecast (level 0.5). */
  readonly mae: number;
  readonly rmse: number;
  /** Percent; NaN when an actual value is 0. */
  readonly mape: number;
  /** M4 definition, percent. */
  readonly smape: number;
  /** Scaled by the in-sample seasonal naive MAE of the given season length. */
  readonly mase: number;
  /** Pinball loss of each quantile level, in the forecast's level order. */
  readonly pinball: readonly QuantileLoss[];
  /** Mean of the pinball losses over the levels. */
  readonly meanPinball: number;
  /** CRPS approximated from the quantiles: 2 × meanPinball. */
  readonly crps: number;
  /** Empirical coverage of each central interval, innermost first. */
  readonly coverage: readonly IntervalCoverage[];
}

/**
 * The measures of one forecast against the `actual` values of its horizon, with `insample` (the training
 * values before the origin) for the MASE scale of season length `seasonLength`.
 *
 * CRPS is twice the pinball loss integrated over the levels, CRPS = 2 ∫₀¹ L_τ dτ (Laio & Tamea 2007;
 * Gneiting & Ranjan 2011). With only the forecast's levels it is approximated, as neuralforecast's scaled CRPS
 * does, by 2 × the mean pinball loss over those levels. That is a Riemann sum for evenly spaced levels and a coarser
 * approximation for uneven ones such as DEFAULT_QUANTILES, so compare CRPS only between models reporting the
 * same levels.
 */
export function forecastMetrics(
  actual: Float64Array,
  forecast: QuantileForecast,
  insample: Float64Array,
  seasonLength: number,
): ForecastMetrics {
  if (forecast.horizon !== actual.length)
    throw new InvalidInputError(
      `forecast horizon ${quote(forecast.horizon)} must equal the number of actual values ${quote(actual.length)}`,
    );
  const medianIndex = forecast.quantiles.indexOf(0.5);
  if (medianIndex < 0)
    throw new InvalidInputError(`forecast levels ${quote(forecast.quantiles)} must include 0.5 (the median)`);
  const median = quantilePath(forecast, medianIndex);
  const pinball = forecast.quantiles.map((quantile, index) => ({
    quantile,
    loss: pinballLoss(actual, quantilePath(forecast, index), quantile),
  }));
  const meanPinball = pinball.reduce((sum, entry) => sum + entry.loss, 0) / pinball.length;
  const coverage = centralIntervals(forecast.quantiles).map((interval) => ({
    level: interval.level,
    lowerQuantile: forecast.quantiles[interval.lowerIndex] as number,
    upperQuantile: forecast.quantiles[interval.upperIndex] as number,
    coverage: intervalCoverage(
      actual,
      quantilePath(forecast, interval.lowerIndex),
      quantilePath(forecast, interval.upperIndex),
    ),
  }));
  return {
    mae: meanAbsoluteError(actual, median),
    rmse: rootMeanSquaredError(actual, median),
    mape: meanAbsolutePercentageError(actual, median),
    smape: symmetricMeanAbsolutePercentageError(actual, median),
    mase: meanAbsoluteScaledError(actual, median, insample, seasonLength),
    pinball,
    meanPinball,
    crps: 2 * meanPinball,
    coverage,
  };
}

/**
 * The arithmetic mean of each measure over several forecasts of the same levels (rolling origins): RMSE is
 * the mean of the per-origin RMSEs, and with equal horizons the mean coverage is the pooled coverage.
 */
export function averageMetrics(list: readonly ForecastMetrics[]): ForecastMetrics {
  const first = list[0];
  if (first === undefined) throw new InvalidInputError('metrics to average must hold at least one entry');
  const mean = (pick: (metrics: ForecastMetrics) => number): number =>
    list.reduce((sum, metrics) => sum + pick(metrics), 0) / list.length;
  for (const metrics of list)
    if (
      metrics.pinball.length !== first.pinball.length ||
      metrics.pinball.some((entry, i) => entry.quantile !== first.pinball[i]?.quantile)
    )
      throw new InvalidInputError('metrics to average must share their quantile levels');
  return {
    mae: mean((m) => m.mae),
    rmse: mean((m) => m.rmse),
    mape: mean((m) => m.mape),
    smape: mean((m) => m.smape),
    mase: mean((m) => m.mase),
    pinball: first.pinball.map((entry, i) => ({
      quantile: entry.quantile,
      loss: mean((m) => m.pinball[i]?.loss as number),
    })),
    meanPinball: mean((m) => m.meanPinball),
    crps: mean((m) => m.crps),
    coverage: first.coverage.map((entry, i) => ({
      ...entry,
      coverage: mean((m) => m.coverage[i]?.coverage as number),
    })),
  };
}
