import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { NaiveFactory } from '../baselines/naive-forecaster.js';
import type { ForecastInput, ForecasterFactory } from '../series-forecaster.types.js';
import { ConformalFactory } from './conformal-factory.js';
import { evaluateRollingOrigin } from './rolling-origin.js';

describe('ConformalFactory', () => {
  it('fits the base model before the calibration window and calibrates on the window', async () => {
    const lengths: number[] = [];
    const naive = new NaiveFactory({ horizon: 2, quantiles: [0.25, 0.5, 0.75] });
    const recording: ForecasterFactory = {
      name: 'naive',
      fit: (train: ForecastInput) => {
        lengths.push(train.target.length);
        return naive.fit(train);
      },
    };
    const target = Float64Array.of(0, 1, 0, 1, 0, 1, 5, 5, 0, 0);
    const factory = new ConformalFactory(recording, { calibrationSize: 4 });
    expect(factory.name).toBe('conformal(naive)');
    const model = await factory.fit({ target });
    expect(lengths).toEqual([6]);
    expect(model.name).toBe('conformal(naive)');
    // Fit on 0 1 0 1 0 1: σ = 1. Origins 6, 7, 8 (forecasting from y_5 = 1, y_6 = 5, y_7 = 5).
    // 50% interval of step 1 = last ± 0.6744897501960817; y = 5, 5, 0 → E = 3.3255, -0.6745, 4.3255;
    // k = ceil(4 · 0.5) = 2 → Q = 3.325510249803918 at step 1.
    const calibrated = model as unknown as { calibration: { adjustments: Float64Array } };
    expect(calibrated.calibration.adjustments[0]).toBeCloseTo(4 - 0.6744897501960817, 12);
  });

  it('keeps rolling-origin coverage of a too-narrow naive near nominal on a noisy random walk', async () => {
    // The naive's σ comes from a calm first stretch (σ = 0.2); the later data move with σ = 1.
    const rng = new SeededRng(9);
    const target = new Float64Array(2600);
    for (let t = 1; t < target.length; t++)
      target[t] = (target[t - 1] as number) + (t < 600 ? 0.2 : 1) * rng.normal();
    const naive = new NaiveFactory({ horizon: 1, quantiles: [0.1, 0.5, 0.9] });
    const calmFit: ForecasterFactory = {
      name: 'naive',
      fit: (train) => naive.fit({ target: train.target.subarray(0, 600) }),
    };
    const options = { horizon: 1, origins: 400, step: 1 };
    const raw = await evaluateRollingOrigin(calmFit, { target }, options);
    const conformal = await evaluateRollingOrigin(
      new ConformalFactory(calmFit, { calibrationSize: 1000 }),
      { target },
      options,
    );
    expect(raw.mean.coverage[0]?.coverage).toBeLessThan(0.4);
    expect(Math.abs((conformal.mean.coverage[0]?.coverage as number) - 0.8)).toBeLessThan(0.06);
  });

  it('refuses a training series not longer than the calibration window', async () => {
    const factory = new ConformalFactory(new NaiveFactory({ horizon: 1 }), { calibrationSize: 5 });
    await expect(factory.fit({ target: new Float64Array(5) })).rejects.toThrow(
      'training series of "5" values must be longer than the calibration window 5',
    );
    expect(() => new ConformalFactory(new NaiveFactory({ horizon: 1 }), { calibrationSize: 0 })).toThrow(
      'calibration size "0"',
    );
  });
});
