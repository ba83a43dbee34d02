import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { TINY_NHITS, writeCycleCsv } from './cycle-series.fixture.js';
import { deleteModel, listModels, promoteModel, setModelStage, showModel } from './manage-models.js';
import { trainForecastModel } from './train-forecast-model.js';
import { updateForecastModel } from './update-forecast-model.js';

let dir: string;
let csv: string;
let newer: string;
let store: SqliteStore;

const train = (name: string, maxSteps: number) =>
  trainForecastModel(store, {
    model: 'nhits',
    input: csv,
    column: 'close',
    inputSize: 24,
    horizon: 6,
    hyperparameters: TINY_NHITS,
    maxSteps,
    batchSize: 32,
    learningRate: 3e-3,
    name,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forecast-manage-'));
  csv = writeCycleCsv(dir);
  // The same process continued with 60 new bars (same seed: the first 240 rows are identical).
  newer = writeCycleCsv(dir, 300, 1, 100, 'newer.csv');
  store = openSqliteStore({ path: ':memory:' });
  await train('demand', 5);
  await train('demand', 5);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('model catalogue', () => {
  it('lists, shows, promotes one production version per name, archives and deletes', async () => {
    expect((await listModels(store)).map((model) => [model.id, model.stage])).toEqual([
      ['demand-v1', 'candidate'],
      ['demand-v2', 'candidate'],
    ]);
    const shown = await showModel(store, 'demand-v1');
    expect(shown.weightsBytes).toBeGreaterThan(1000);
    expect((shown.history as { loss: number[] }).loss).toHaveLength(5);
    expect(shown).not.toHaveProperty('blob');
    expect((await promoteModel(store, 'demand-v1')).stage).toBe('production');
    expect((await showModel(store, 'demand')).id).toBe('demand-v1'); // a name means its production version
    await promoteModel(store, 'demand-v2');
    expect((await listModels(store, { stage: 'archived' })).map((model) => model.id)).toEqual(['demand-v1']);
    expect((await setModelStage(store, 'demand-v1', 'candidate')).stage).toBe('candidate');
    await expect(listModels(store, { stage: 'gold' as 'archived' })).rejects.toThrow(
      /models list stage "gold"/,
    );
    await expect(deleteModel(store, 'demand')).rejects.toThrow(/no model has the id "demand"/);
    await train('scratch', 1);
    expect(await deleteModel(store, 'scratch-v1')).toEqual({ deleted: 'scratch-v1' });
    expect((await listModels(store, { name: 'scratch' })).length).toBe(0);
  });
});

describe('updateForecastModel', () => {
  it('fine-tunes on new bars into the next version when its validation error is no worse', async () => {
    const update = await updateForecastModel(
      store,
      { model: 'demand-v2', input: newer, maxSteps: 60, learningRate: 3e-3, batchSize: 32 },
      { now: () => 42 },
    );
    expect(update).toMatchObject({
      id: 'demand-v3',
      parent: 'demand-v2',
      version: 3,
      stage: 'candidate',
      steps: 60,
    });
    expect(update.validationWindows).toBe(7);
    expect(update.validationMae).toBeLessThanOrEqual(update.previousValidationMae);
    const record = await store.models.get('demand-v3');
    expect(record?.params).toMatchObject({ parent: 'demand-v2', training: { fineTuned: true } });
    expect(record?.metrics).toMatchObject({
      validationMae: update.validationMae,
      parentValidationMae: update.previousValidationMae,
    });
    expect(record?.dataFingerprint).not.toBe((await store.models.get('demand-v2'))?.dataFingerprint);
    expect(record?.createdAt).toBe(42);
  });

  it('rejects an update whose validation error is worse, with both numbers, and registers nothing', async () => {
    const before = (await listModels(store, { name: 'demand' })).length;
    // A learning rate of 1 wrecks the weights in a few steps.
    await expect(
      updateForecastModel(store, {
        model: 'demand-v3',
        input: newer,
        maxSteps: 20,
        learningRate: 1,
        batchSize: 32,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(
        /update of "demand-v3" rejected: the fine-tuned model's validation MAE [\d.e+]+ is worse than the current version's [\d.]+ on the same 7 windows/,
      ) as unknown,
    });
    expect((await listModels(store, { name: 'demand' })).length).toBe(before);
  });
});
