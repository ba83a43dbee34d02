import { describe, expect, it } from 'vitest';
import { seasonalDemand } from '../../data/synthetic/seasonal-demand.js';
import { DriftFactory } from '../baselines/drift-forecaster.js';
import { NaiveFactory } from '../baselines/naive-forecaster.js';
import { SeasonalNaiveFactory } from '../baselines/seasonal-naive-forecaster.js';
import type { ForecasterFactory } from '../series-forecaster.types.js';
import { compareModels } from './compare-models.js';
import { evaluateRollingOrigin } from './rolling-origin.js';

const TARGET = Float64Array.from(
  { length: 80 },
  (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 8) + 0.3 * t,
);

/** A renamed drift model, standing in for a learned one. */
function namedDrift(name: string): ForecasterFactory {
  const drift = new DriftFactory({ horizon: 4 });
  return { name, fit: (train) => drift.fit(train) };
}

describe('compareModels', () => {
  it('runs the baselines, then the models given, on the same origins', async () => {
    const comparison = await compareModels(
      [namedDrift('learned')],
      { target: TARGET },
      {
        horizon: 4,
        origins: 3,
        seasonLength: 8,
      },
    );
    expect(comparison.origins).toEqual([68, 72, 76]);
    expect(comparison.reports.map((report) => report.model)).toEqual([
      'naive',
      'seasonal-naive',
      'drift',
      'moving-average',
      'learned',
    ]);
    for (const report of comparison.reports)
      expect(report.origins.map((entry) => entry.origin)).toEqual([68, 72, 76]);
    // Same model, same origins: the renamed drift scores exactly as the drift baseline.
    expect(comparison.reports[4]?.mean).toEqual(comparison.reports[2]?.mean);
    // On an 8-step cycle plus trend the seasonal naive beats the naive.
    expect(comparison.reports[1]?.mean.mase).toBeLessThan(comparison.reports[0]?.mean.mase as number);
    const alone = await evaluateRollingOrigin(
      new NaiveFactory({ horizon: 4 }),
      { target: TARGET },
      {
        horizon: 4,
        origins: 3,
        seasonLength: 8,
      },
    );
    expect(comparison.reports[0]).toEqual(alone);
  });

  it('keeps a given model in place of the baseline of the same name and refuses duplicate names', async () => {
    const comparison = await compareModels(
      [namedDrift('naive')],
      { target: TARGET },
      { horizon: 4, origins: 1 },
    );
    expect(comparison.reports.map((report) => report.model)).toEqual([
      'seasonal-naive',
      'drift',
      'moving-average',
      'naive',
    ]);
    await expect(
      compareModels([namedDrift('a'), namedDrift('a')], { target: TARGET }, { horizon: 4, origins: 1 }),
    ).rejects.toThrow('model name "a" is given twice');
  });

  it('passes levels and the moving-average window to the baselines', async () => {
    const comparison = await compareModels(
      [],
      { target: TARGET },
      {
        horizon: 4,
        origins: 1,
        seasonLength: 8,
        quantiles: [0.25, 0.5, 0.75],
        movingAverageWindow: 3,
      },
    );
    expect(comparison.reports.every((report) => report.quantiles.join() === '0.25,0.5,0.75')).toBe(true);
    // Moving average of the last 3 training values (indices 73..75) for every step.
    const average = ((TARGET[73] as number) + (TARGET[74] as number) + (TARGET[75] as number)) / 3;
    expect(comparison.reports[3]?.origins[0]?.forecast.values[1]).toBeCloseTo(average, 12);
  });
});

describe('compareModels on the accuracy benchmark configuration', () => {
  it('ranks the weekly seasonal naive first among the baselines on synthetic half-hourly demand', async () => {
    // Horizon 48, input 672, 10 origins, weekly season 336, eight weeks of data (the benchmark).
    const { demand } = seasonalDemand({ length: 8 * 336, seed: 1 });
    const daily = new SeasonalNaiveFactory({ horizon: 48, seasonLength: 48 });
    const comparison = await compareModels(
      [{ name: 'seasonal-naive-daily', fit: (train) => daily.fit(train) }],
      { target: demand },
      { horizon: 48, origins: 10, seasonLength: 336, inputSize: 672 },
    );
    expect(comparison.origins[0]).toBe(8 * 336 - 10 * 48);
    const mase = Object.fromEntries(comparison.reports.map((report) => [report.model, report.mean.mase]));
    for (const other of ['naive', 'drift', 'moving-average', 'seasonal-naive-daily'])
      expect(mase['seasonal-naive']).toBeLessThan(mase[other] as number);
    // Its errors are the noise difference of two weeks: MASE near 1, intervals near nominal.
    expect(mase['seasonal-naive']).toBeGreaterThan(0.8);
    expect(mase['seasonal-naive']).toBeLessThan(1.2);
    const coverage = comparison.reports[1]?.mean.coverage.map((entry) => entry.coverage) ?? [];
    expect(Math.abs((coverage[1] as number) - 0.95)).toBeLessThan(0.04);
  });
});
