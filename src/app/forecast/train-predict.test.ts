import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../../forecasting/registry/model-codec.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { readNumericTableFile } from '../run-statistics.js';
import { TINY_NHITS, writeCycleCsv } from './cycle-series.fixture.js';
import { productVersion, readForecastSeries } from './forecast-request.js';
import { predictForecast } from './predict-forecast.js';
import { trainForecastModel, type TrainForecastRequest } from './train-forecast-model.js';

let dir: string;
let csv: string;
let store: SqliteStore;

const base: TrainForecastRequest = {
  model: 'nhits',
  input: '',
  column: 'close',
  inputSize: 24,
  horizon: 6,
  hyperparameters: TINY_NHITS,
  maxSteps: 40,
  batchSize: 32,
  learningRate: 3e-3,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forecast-app-'));
  csv = writeCycleCsv(dir);
  store = openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trainForecastModel', () => {
  it('trains, reports progress, and registers weights, params, history, metrics, fingerprint and code version', async () => {
    const progress: number[] = [];
    const summary = await trainForecastModel(
      store,
      { ...base, input: csv, exogenous: ['volume'] },
      { onProgress: (p) => progress.push(p.step), now: () => 1_700_000_000_000 },
    );
    expect(summary).toMatchObject({
      id: 'close-nhits-v1',
      name: 'close-nhits',
      version: 1,
      kind: 'nhits',
      stage: 'candidate',
      column: 'close',
      exogenous: ['volume'],
      rows: 240,
      steps: 40,
      validationWindows: 7, // 2 × horizon = 12 tail values: origins 228 .. 234
      calibrated: false,
      rollingOrigin: null,
    });
    expect(progress.at(-1)).toBe(40);
    expect(summary.validationMae).toBeGreaterThan(0);
    expect(summary.validationMae).toBeLessThan(3); // the cycle's amplitude is 5, its noise 0.5
    expect(summary.dataFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(summary.codeVersion).toMatch(
      new RegExp(`^${productVersion().replace(/\./g, '\\.')}/format-1/arch-`),
    );
    const record = await store.models.get('close-nhits-v1');
    expect(record?.createdAt).toBe(1_700_000_000_000);
    expect(record?.metrics).toMatchObject({ validationMae: summary.validationMae, validationWindows: 7 });
    expect((record?.history as { loss: number[] }).loss).toHaveLength(40);
    expect(record?.params).toMatchObject({
      kind: 'nhits',
      shape: { inputSize: 24, horizon: 6, channels: 2 },
      columns: { target: 'close', exogenous: ['volume'] },
      hyperparameters: { mlpUnits: [[16, 16]] },
      parent: null,
    });
    const again = await trainForecastModel(store, { ...base, input: csv, exogenous: ['volume'] });
    expect(again.id).toBe('close-nhits-v2');
    // Same data and seed: same fingerprint and the same (deterministic) validation error.
    expect(again.dataFingerprint).toBe(summary.dataFingerprint);
    expect(again.validationMae).toBe(summary.validationMae);
  });

  it('calibrates intervals and evaluates the configuration on rolling origins when asked', async () => {
    const summary = await trainForecastModel(store, {
      ...base,
      input: csv,
      name: 'calibrated',
      calibrationSize: 110, // 105 origins at horizon 6: the 99% interval needs 99
      evaluateOrigins: 2,
      seasonLength: 12,
      promote: true,
    });
    expect(summary).toMatchObject({ id: 'calibrated-v1', stage: 'production', calibrated: true });
    expect(summary.rollingOrigin?.origins).toBe(2);
    expect(summary.rollingOrigin?.mean.mase).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a bad request naming the field, and a column with a gap naming its line', async () => {
    await expect(trainForecastModel(store, { ...base, input: csv, calibrationSize: 40 })).rejects.toThrow(
      /calibration size "40" gives 35 calibration origins at horizon 6; the 99% interval needs 99, so a calibration size of at least 104/,
    );
    await expect(
      trainForecastModel(store, { ...base, input: csv, model: 'arima' as 'nhits' }),
    ).rejects.toThrow(/forecast train model "arima"/);
    await expect(trainForecastModel(store, { ...base, input: csv, horizon: 0 })).rejects.toThrow(
      /forecast train horizon "0"/,
    );
    const gap = join(dir, 'gap.csv');
    writeFileSync(gap, 'date,close\n2024-01-01,1\n2024-01-02,\n2024-01-03,3\n');
    await expect(trainForecastModel(store, { ...base, input: gap })).rejects.toThrow(
      /column "close" of ".*gap.csv" has no number in line 3/,
    );
    expect(() => readForecastSeries(csv, 'open')).toThrow(
      /column "open" is not in the file; numeric columns: close, volume/,
    );
  });
});

describe('predictForecast', () => {
  it('forecasts the median and nested 80/95/99% intervals as the registered model itself does', async () => {
    const prediction = await predictForecast(store, { models: ['close-nhits-v1'], input: csv });
    expect(prediction).toMatchObject({
      models: ['close-nhits-v1'],
      combination: 'single',
      column: 'close',
      rows: 240,
      horizon: 6,
      calibrated: false,
    });
    expect(prediction.lastLabel).toBe(new Date(Date.UTC(2024, 0, 1) + 239 * 3_600_000).toISOString());
    const record = await store.models.get('close-nhits-v1');
    const decoded = decodeModel(record!, productVersion());
    const table = readNumericTableFile(csv);
    const direct = decoded.forecaster.predict({ target: table.columns[0]!, exogenous: [table.columns[1]!] });
    decoded.network.dispose();
    prediction.steps.forEach((step, index) => {
      expect(step.step).toBe(index + 1);
      expect(step.median).toBe(direct.values[index * 7 + 3]);
      const [i80, i95, i99] = [step.intervals['80']!, step.intervals['95']!, step.intervals['99']!];
      expect(i99.lower).toBeLessThanOrEqual(i95.lower);
      expect(i95.lower).toBeLessThanOrEqual(i80.lower);
      expect(i80.lower).toBeLessThanOrEqual(step.median);
      expect(step.median).toBeLessThanOrEqual(i80.upper);
      expect(i80.upper).toBeLessThanOrEqual(i95.upper);
      expect(i95.upper).toBeLessThanOrEqual(i99.upper);
    });
  });

  it('resolves a name to its production version, else its latest, and combines several models into an ensemble', async () => {
    const latest = await predictForecast(store, { models: ['close-nhits'], input: csv });
    expect(latest.models).toEqual(['close-nhits-v2']);
    const calibrated = await predictForecast(store, { models: ['calibrated'], input: csv });
    expect(calibrated).toMatchObject({ models: ['calibrated-v1'], calibrated: true });
    const [a, b] = await Promise.all(
      ['close-nhits-v1', 'calibrated-v1'].map((id) => predictForecast(store, { models: [id], input: csv })),
    );
    await expect(
      predictForecast(store, { models: ['close-nhits-v1', 'calibrated-v1'], input: csv }),
    ).rejects.toThrow(/ensemble members must read the same columns/);
    const trained = await trainForecastModel(store, { ...base, input: csv, name: 'other', seed: 7 });
    const c = await predictForecast(store, { models: [trained.id], input: csv });
    const ensemble = await predictForecast(store, {
      models: ['calibrated-v1', trained.id],
      ensemble: 'median',
      input: csv,
    });
    expect(ensemble.combination).toBe('median');
    ensemble.steps.forEach((step, index) => {
      // The median of two is their mean.
      expect(step.median).toBeCloseTo((b!.steps[index]!.median + c.steps[index]!.median) / 2, 9);
    });
    expect(a!.models).toEqual(['close-nhits-v1']);
    await expect(predictForecast(store, { models: ['nothing'], input: csv })).rejects.toThrow(
      /no model has the id or name "nothing"/,
    );
  });

  it('refuses a model written by an incompatible version, naming the model', async () => {
    const record = await store.models.get('close-nhits-v1');
    await store.models.save({
      ...record!,
      id: 'old-v1',
      name: 'old',
      codeVersion: '0.0.1/format-1/arch-0000000000000000',
    });
    await expect(predictForecast(store, { models: ['old'], input: csv })).rejects.toThrow(
      /model "old-v1" cannot be loaded: the model was written by version "0.0.1", not compatible/,
    );
  });
});
