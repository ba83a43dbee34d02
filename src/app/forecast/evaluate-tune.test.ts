import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { architectureHyperparameters } from './architecture-params.js';
import { TINY_NHITS, writeCycleCsv } from './cycle-series.fixture.js';
import { evaluateForecastModels } from './evaluate-forecast-models.js';
import { tuneForecastModel } from './tune-forecast-model.js';

let dir: string;
let csv: string;
let store: SqliteStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forecast-evaluate-'));
  csv = writeCycleCsv(dir);
  store = openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evaluateForecastModels', () => {
  it('reports every baseline next to the models asked for, per origin and on average', async () => {
    const report = await evaluateForecastModels({
      models: ['nhits', 'snaive'],
      input: csv,
      column: 'close',
      horizon: 6,
      inputSize: 24,
      origins: 3,
      seasonLength: 12,
      hyperparameters: TINY_NHITS,
      maxSteps: 40,
      batchSize: 32,
      learningRate: 3e-3,
    });
    expect(report.models.map((model) => model.model)).toEqual([
      'naive',
      'seasonal-naive',
      'drift',
      'moving-average',
      'nhits',
    ]);
    // Origins tile the last 18 values: 222, 228, 234.
    expect(report.origins.map((origin) => origin.index)).toEqual([222, 228, 234]);
    expect(report.origins[0]?.label).toBe(new Date(Date.UTC(2024, 0, 1) + 222 * 3_600_000).toISOString());
    for (const model of report.models) {
      expect(model.origins).toHaveLength(3);
      const meanMae = model.origins.reduce((sum, origin) => sum + (origin.metrics.mae ?? NaN), 0) / 3;
      expect(model.mean.mae).toBeCloseTo(meanMae, 12);
      expect(Object.keys(model.mean.coverage)).toEqual(['80', '95', '99']);
    }
    const mase = Object.fromEntries(report.models.map((model) => [model.model, model.mean.mase ?? NaN]));
    // On a clean 12-step cycle, the seasonal naive of season 12 beats the naive; NHITS learns the cycle too.
    expect(mase['seasonal-naive']).toBeLessThan(mase['naive']!);
    expect(mase['nhits']).toBeLessThan(mase['naive']!);
  }, 60_000);

  it('refuses an unknown model and a series too short for the origins', async () => {
    await expect(
      evaluateForecastModels({ models: ['prophet' as 'naive'], input: csv, column: 'close' }),
    ).rejects.toThrow(/forecast evaluate models.0 "prophet"/);
    await expect(
      evaluateForecastModels({ models: ['naive'], input: csv, column: 'close', horizon: 100, origins: 3 }),
    ).rejects.toThrow(/too short for 3 origins of horizon 100/);
  });
});

describe('architectureHyperparameters', () => {
  it('maps the width shorthand per architecture and passes every other name through', () => {
    expect(architectureHyperparameters('nhits', { hidden: 32 })).toEqual({
      mlpUnits: [
        [32, 32],
        [32, 32],
        [32, 32],
      ],
    });
    expect(architectureHyperparameters('nhits', { hidden: 8, mlpLayers: 1, dropout: 0.1 })).toEqual({
      mlpUnits: [[8, 8]],
      dropout: 0.1,
    });
    expect(architectureHyperparameters('nhits', { mlpLayers: 2 })).toEqual({ mlpLayers: 2 });
    expect(architectureHyperparameters('lstm', { hidden: 16, layers: 1 })).toEqual({
      hiddenSize: 16,
      layers: 1,
    });
    expect(architectureHyperparameters('transformer', { hidden: 16, heads: 2 })).toEqual({
      modelSize: 16,
      heads: 2,
    });
  });
});

describe('tuneForecastModel', () => {
  it('searches the space, ranks trials by validation MAE, records failed trials and registers the best', async () => {
    const seen: number[] = [];
    const report = await tuneForecastModel(
      store,
      {
        model: 'nhits',
        input: csv,
        column: 'close',
        horizon: 6,
        inputSize: 24,
        hyperparameters: {
          mlpLayers: 1,
          blocksPerStack: [1, 1],
          poolingKernelSizes: [2, 1],
          frequencyDownsample: [2, 1],
        },
        space: 'hidden=8|16,dropout=0|1.5',
        trials: 4,
        maxSteps: 30,
        batchSize: 32,
        learningRate: 3e-3,
        name: 'tuned',
      },
      { onTrial: (_trial, done) => seen.push(done) },
    );
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(report.trials).toHaveLength(4);
    const failed = report.trials.filter((trial) => trial.error !== null);
    expect(failed.map((trial) => trial.params['dropout'])).toEqual([1.5, 1.5]);
    expect(failed[0]?.error).toMatch(/nhits hyperparameter dropout "1.5"/);
    expect(report.trials.slice(2)).toEqual(failed); // failed trials rank last
    const [first, second] = report.trials;
    expect(first!.validationMae!).toBeLessThanOrEqual(second!.validationMae!);
    expect(report.best).toEqual(first);
    expect(report.registered).toMatchObject({ id: 'tuned-v1', validationMae: first!.validationMae });
    const record = await store.models.get('tuned-v1');
    expect(record?.params).toMatchObject({
      hyperparameters: { mlpUnits: [[first!.params['hidden'], first!.params['hidden']]], dropout: 0 },
      training: { tuned: true, method: 'random' },
    });
  }, 60_000);

  it('uses TPE when asked, and fails with the first error when every trial fails', async () => {
    await expect(
      tuneForecastModel(store, {
        model: 'nhits',
        input: csv,
        column: 'close',
        horizon: 6,
        space: 'dropout=2|3',
        method: 'tpe',
        trials: 2,
        maxSteps: 1,
        register: false,
      }),
    ).rejects.toThrow(/every trial failed; the first: nhits hyperparameter dropout/);
  });
});
