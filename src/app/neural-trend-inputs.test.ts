import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { BarSeries } from '../data/bar-series.js';
import type { NeuralForecaster } from '../forecasting/training/neural-forecaster.js';
import { neuralTrendDefinition } from '../strategies/neural-trend/definition.js';
import { prepareNeuralTrendInputs } from './neural-trend-inputs.js';

const DAY = 86_400_000;

function walk(symbol: string, n: number, seed: number): BarSeries {
  const rng = new SeededRng(seed);
  let close = 50;
  return BarSeries.fromBars(
    symbol,
    '1d',
    Array.from({ length: n }, (_, i) => {
      const open = close;
      close = open * Math.exp(0.001 + 0.01 * rng.normal());
      return { tsEvent: Date.UTC(2023, 0, 2) + i * DAY, open, high: open, low: close, close, volume: 1 };
    }),
  );
}

const tiny = { hyperparameters: { mlpUnits: [[8, 8]] }, training: { maxSteps: 3, batchSize: 8 } };

describe('prepareNeuralTrendInputs', () => {
  it('pre-trains one base and one higher-timeframe model per fold, usable by the strategy, then frees them', async () => {
    const series = [walk('AAA', 200, 1), walk('BBB', 140, 2)];
    const params = { trainWindow: 100, retrainEvery: 50, intervalLevel: 0.5 };
    const progress: string[] = [];
    const prepared = await prepareNeuralTrendInputs(series, {
      ...tiny,
      params,
      onProgress: (p) => progress.push(`${p.symbol} ${p.fold}/${p.folds}`),
    });
    expect(prepared.folds).toBe(3); // AAA: bars 100, 150; BBB: bar 100
    expect(progress).toEqual(['AAA 1/2', 'AAA 2/2', 'BBB 1/1']);
    expect(prepared.description).toMatch(
      /^nhits walk-forward: 3 folds \(retrain every 50 bars on the previous 100\), trained in \d+\.\d s$/,
    );
    const entry = prepared.schedule.bySymbol.get('AAA')?.[1];
    const base = entry?.base as NeuralForecaster;
    const higher = entry?.higher as NeuralForecaster;
    expect([base.name, base.inputSize, base.horizon]).toEqual(['nhits', 20, 5]);
    expect([higher.name, higher.inputSize, higher.horizon]).toEqual(['nhits-higher', 8, 2]);
    // The default levels plus the 50% interval the strategy reads.
    expect(base.quantiles).toEqual([0.005, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.995]);
    const strategy = neuralTrendDefinition.create(
      params,
      { symbols: ['AAA', 'BBB'], timeframe: '1d' },
      prepared.inputs,
    );
    expect(strategy.name).toBe('neural-trend');
    prepared.dispose();
    expect(base.network.variables.every((variable) => variable.isDisposed)).toBe(true);
    expect(higher.network.variables.every((variable) => variable.isDisposed)).toBe(true);
  });

  it('builds the other network kinds, and no higher model when the higher timeframe has no weight', async () => {
    const series = [walk('AAA', 130, 3)];
    const before = tf.memory().numTensors;
    for (const model of ['lstm', 'transformer'] as const) {
      const prepared = await prepareNeuralTrendInputs(series, {
        model,
        params: { trainWindow: 100, higherWeight: 0, horizon: 2 },
        inputSize: 6,
        hyperparameters: {},
        training: { maxSteps: 2, batchSize: 4 },
        seed: 3,
      });
      const entry = prepared.schedule.bySymbol.get('AAA')?.[0];
      expect((entry?.base as NeuralForecaster).network.kind).toBe(model);
      expect(entry?.higher).toBeUndefined();
      prepared.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad options and bad strategy parameters, naming the field', async () => {
    const series = [walk('AAA', 130, 3)];
    await expect(prepareNeuralTrendInputs(series, { model: 'gru' as 'lstm' })).rejects.toThrow(
      /neural-trend model option model "gru"/,
    );
    await expect(prepareNeuralTrendInputs(series, { inputSize: 1 })).rejects.toThrow(
      /neural-trend model option inputSize "1"/,
    );
    await expect(prepareNeuralTrendInputs(series, { params: { retrainEvery: 0 } })).rejects.toThrow(
      /neural-trend parameter retrainEvery "0"/,
    );
    await expect(prepareNeuralTrendInputs([])).rejects.toThrow('neural-trend needs at least one bar series');
  });
});
