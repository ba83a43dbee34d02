import { describe, expect, it } from 'vitest';
import { NaiveFactory } from '../baselines/naive-forecaster.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { evaluateRollingOrigin, rollingOrigins } from './rolling-origin.js';

interface Seen {
  readonly fitTarget: number[];
  readonly fitBufferValues: number;
  readonly fitExogenous: number[][];
  predictTargets: number[][];
  predictBufferValues: number[];
}

/** Forecasts the last value it was given for every step and records everything fit and predict receive. */
function recordingFactory(horizon: number, seen: Seen[]): ForecasterFactory {
  return {
    name: 'recorder',
    fit(train: ForecastInput): Promise<SeriesForecaster> {
      const record: Seen = {
        fitTarget: Array.from(train.target),
        fitBufferValues: train.target.buffer.byteLength / 8,
        fitExogenous: (train.exogenous ?? []).map((column) => Array.from(column)),
        predictTargets: [],
        predictBufferValues: [],
      };
      seen.push(record);
      return Promise.resolve({
        name: 'recorder',
        horizon,
        quantiles: [0.5],
        inputSize: 1,
        predict(history: ForecastInput) {
          record.predictTargets.push(Array.from(history.target));
          record.predictBufferValues.push(history.target.buffer.byteLength / 8);
          const last = history.target[history.target.length - 1] as number;
          return { horizon, quantiles: [0.5], values: new Float64Array(horizon).fill(last) };
        },
      });
    },
  };
}

describe('rollingOrigins', () => {
  it('places the origins at the end of the series, one step apart', () => {
    expect(rollingOrigins(100, { horizon: 10, origins: 3 })).toEqual([70, 80, 90]);
    expect(rollingOrigins(100, { horizon: 10, origins: 3, step: 5 })).toEqual([80, 85, 90]);
    expect(rollingOrigins(20, { horizon: 5, origins: 1, inputSize: 10 })).toEqual([15]);
  });

  it('refuses a series too short for the origins, input size or season', () => {
    expect(() => rollingOrigins(20, { horizon: 5, origins: 2, inputSize: 10 })).toThrow(
      'series of "20" values is too short for 2 origins of horizon 5 every 5 steps: the first origin would ' +
        'leave 10 training values, at least 15 needed',
    );
    expect(() => rollingOrigins(20, { horizon: 5, origins: 1, seasonLength: 15 })).toThrow(
      'at least 16 needed',
    );
    expect(() => rollingOrigins(20, { horizon: 0, origins: 1 })).toThrow(
      'horizon "0" must be a whole number >= 1',
    );
    expect(() => rollingOrigins(20, { horizon: 1, origins: 1, step: 0 })).toThrow('step "0"');
  });
});

describe('evaluateRollingOrigin', () => {
  it('never lets a value at or after the origin reach fit or predict, not even through the buffer', async () => {
    // Value t is t, so every value a model sees must be < its origin.
    const target = Float64Array.from({ length: 30 }, (_, t) => t);
    const exogenous = [Float64Array.from({ length: 30 }, (_, t) => -t)];
    const seen: Seen[] = [];
    const report = await evaluateRollingOrigin(
      recordingFactory(4, seen),
      { target, exogenous },
      {
        horizon: 4,
        origins: 3,
        step: 3,
        inputSize: 5,
      },
    );
    expect(report.origins.map((entry) => entry.origin)).toEqual([20, 23, 26]);
    expect(seen).toHaveLength(3);
    seen.forEach((record, i) => {
      const origin = [20, 23, 26][i] as number;
      const before = Array.from({ length: origin }, (_, t) => t);
      expect(record.fitTarget).toEqual(before);
      expect(record.fitBufferValues).toBe(origin);
      expect(record.fitExogenous).toEqual([before.map((t) => -t)]);
      expect(record.predictTargets).toEqual([before]);
      expect(record.predictBufferValues).toEqual([origin]);
    });
    expect(Array.from(report.origins[2]?.actual ?? [])).toEqual([26, 27, 28, 29]);
  });

  it('scores each origin against the values after it (hand-worked naive on 8 values)', async () => {
    // Origin 4: train 1 3 2 6 → forecast 6, 6 vs 5, 7: MAE 1; scale (2 + 1 + 4)/3 → MASE 3/7.
    // Origin 6: train 1 3 2 6 5 7 → forecast 7, 7 vs 4, 8: MAE 2; scale (2 + 1 + 4 + 1 + 2)/5 = 2 → MASE 1.
    const target = Float64Array.of(1, 3, 2, 6, 5, 7, 4, 8);
    const report = await evaluateRollingOrigin(
      new NaiveFactory({ horizon: 2 }),
      { target },
      { horizon: 2, origins: 2 },
    );
    expect(report.model).toBe('naive');
    expect(report.seasonLength).toBe(1);
    expect(report.origins.map((entry) => entry.metrics.mae)).toEqual([1, 2]);
    expect(report.origins[0]?.metrics.mase).toBeCloseTo(3 / 7, 14);
    expect(report.origins[1]?.metrics.mase).toBe(1);
    expect(report.mean.mae).toBe(1.5);
    expect(report.mean.mase).toBeCloseTo((3 / 7 + 1) / 2, 14);
    expect(report.mean.coverage.map((entry) => entry.level)).toEqual([0.8, 0.95, 0.99]);
  });

  it('gives identical reports run after run', async () => {
    const target = Float64Array.from({ length: 60 }, (_, t) => Math.sin(t / 3) * 10 + t);
    const options = { horizon: 5, origins: 4, seasonLength: 6 };
    const first = await evaluateRollingOrigin(new NaiveFactory({ horizon: 5 }), { target }, options);
    const second = await evaluateRollingOrigin(new NaiveFactory({ horizon: 5 }), { target }, options);
    expect(second).toEqual(first);
  });

  it('refuses a model of another horizon, a bad forecast, a non-finite series and ragged exogenous columns', async () => {
    const target = Float64Array.from({ length: 20 }, (_, t) => t);
    await expect(
      evaluateRollingOrigin(new NaiveFactory({ horizon: 3 }), { target }, { horizon: 2, origins: 1 }),
    ).rejects.toThrow('model "naive" forecasts "3" steps, the evaluation asks for 2');
    const broken: ForecasterFactory = {
      name: 'broken',
      fit: () =>
        Promise.resolve({
          name: 'broken',
          horizon: 2,
          quantiles: [0.5],
          inputSize: 1,
          predict: () => ({ horizon: 2, quantiles: [0.5], values: new Float64Array(1) }),
        }),
    };
    await expect(evaluateRollingOrigin(broken, { target }, { horizon: 2, origins: 1 })).rejects.toThrow(
      'model "broken" returned "1" values for horizon "2" and 1 levels; expected horizon 2',
    );
    const gap = Float64Array.from(target);
    gap[3] = Number.NaN;
    await expect(
      evaluateRollingOrigin(new NaiveFactory({ horizon: 2 }), { target: gap }, { horizon: 2, origins: 1 }),
    ).rejects.toThrow('series to evaluate on value "NaN" at index 3');
    await expect(
      evaluateRollingOrigin(
        new NaiveFactory({ horizon: 2 }),
        { target, exogenous: [new Float64Array(19)] },
        { horizon: 2, origins: 1 },
      ),
    ).rejects.toThrow('exogenous column 0 holds "19" values, the target "20"');
  });
});
