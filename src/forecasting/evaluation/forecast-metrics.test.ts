import { describe, expect, it } from 'vitest';
import { averageMetrics, forecastMetrics } from './forecast-metrics.js';

// Two steps, levels 0.1/0.5/0.9: step 1 [8, 10, 12], step 2 [15, 19, 22]; actual 11, 23.
const FORECAST = { horizon: 2, quantiles: [0.1, 0.5, 0.9], values: Float64Array.of(8, 10, 12, 15, 19, 22) };
const ACTUAL = Float64Array.of(11, 23);
const INSAMPLE = Float64Array.of(1, 3, 2, 6, 5); // naive in-sample MAE 2

describe('forecastMetrics', () => {
  it('gives every hand-worked measure of one forecast', () => {
    const metrics = forecastMetrics(ACTUAL, FORECAST, INSAMPLE, 1);
    // Median errors 1, 4.
    expect(metrics.mae).toBe(2.5);
    expect(metrics.rmse).toBeCloseTo(2.9154759474226504, 14); // √(17 / 2)
    expect(metrics.mape).toBeCloseTo(13.24110671936759, 12); // 50 (1/11 + 4/23)
    expect(metrics.smape).toBeCloseTo(100 * (6 / 42), 12); // 100 (1/21 + 4/42)
    expect(metrics.mase).toBe(1.25);
    // τ 0.1: errors 3, 8 → 0.3, 0.8; τ 0.5: 1, 4 → 0.5, 2; τ 0.9: -1, 1 → 0.1, 0.9.
    expect(metrics.pinball.map((entry) => entry.quantile)).toEqual([0.1, 0.5, 0.9]);
    expect(metrics.pinball[0]?.loss).toBeCloseTo(0.55, 14);
    expect(metrics.pinball[1]?.loss).toBeCloseTo(1.25, 14);
    expect(metrics.pinball[2]?.loss).toBeCloseTo(0.5, 14);
    expect(metrics.meanPinball).toBeCloseTo(2.3 / 3, 14);
    expect(metrics.crps).toBeCloseTo(4.6 / 3, 14);
    // 11 ∈ [8, 12], 23 ∉ [15, 22].
    expect(metrics.coverage).toEqual([{ level: 0.8, lowerQuantile: 0.1, upperQuantile: 0.9, coverage: 0.5 }]);
  });

  it('refuses a horizon that does not match and levels without the median', () => {
    expect(() => forecastMetrics(Float64Array.of(1), FORECAST, INSAMPLE, 1)).toThrow(
      'forecast horizon "2" must equal the number of actual values "1"',
    );
    const noMedian = { horizon: 1, quantiles: [0.1, 0.9], values: Float64Array.of(1, 2) };
    expect(() => forecastMetrics(Float64Array.of(1), noMedian, INSAMPLE, 1)).toThrow('must include 0.5');
  });
});

describe('averageMetrics', () => {
  it('averages every measure over forecasts', () => {
    const first = forecastMetrics(ACTUAL, FORECAST, INSAMPLE, 1);
    const second = forecastMetrics(Float64Array.of(10, 19), FORECAST, INSAMPLE, 1); // median exact, all inside
    const mean = averageMetrics([first, second]);
    expect(mean.mae).toBe(1.25);
    expect(mean.mase).toBe(0.625);
    expect(mean.coverage[0]?.coverage).toBe(0.75);
    expect(mean.pinball[1]?.loss).toBeCloseTo(0.625, 14);
    expect(mean.crps).toBeCloseTo((first.crps + second.crps) / 2, 14);
    expect(averageMetrics([first])).toEqual(first);
  });

  it('refuses an empty list and metrics of different levels', () => {
    expect(() => averageMetrics([])).toThrow('at least one entry');
    const other = forecastMetrics(
      Float64Array.of(1),
      { horizon: 1, quantiles: [0.5], values: Float64Array.of(1) },
      INSAMPLE,
      1,
    );
    expect(() => averageMetrics([forecastMetrics(ACTUAL, FORECAST, INSAMPLE, 1), other])).toThrow(
      'must share their quantile levels',
    );
  });
});
