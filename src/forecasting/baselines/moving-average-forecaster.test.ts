import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { MovingAverageFactory } from './moving-average-forecaster.js';

const LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975];

describe('MovingAverageFactory', () => {
  it('forecasts the window mean with σ√(1 + 1/w) intervals (hand-worked, w = 2)', async () => {
    // One-step residuals y_t - mean(previous 2): 11 - 11 = 0, 15 - 11.5 = 3.5, 14 - 13 = 1; Σe² = 13.25.
    // σ² = 13.25 / ((5 - 2) · 1.5) = 2.9444...; σ_h = σ √1.5 = √(13.25 / 3) = 2.101586702153082.
    // 97.5%: 14.5 + 1.959963984540054 · 2.101586702153082 = 18.619034246608344 at every step.
    const target = Float64Array.of(10, 12, 11, 15, 14);
    const model = await new MovingAverageFactory({ horizon: 3, window: 2, quantiles: LEVELS }).fit({
      target,
    });
    const forecast = model.predict({ target });
    for (let step = 0; step < 3; step++) {
      expect(forecast.values[step * 5 + 2]).toBe(14.5);
      expect(forecast.values[step * 5 + 4]).toBeCloseTo(18.619034246608344, 12);
    }
    expect(model.inputSize).toBe(2);
    expect(model.name).toBe('moving-average');
  });

  it('estimates the noise level of i.i.d. data (interval ≈ σ√(1 + 1/w) with σ = 2)', async () => {
    const rng = new SeededRng(3);
    const target = Float64Array.from({ length: 20_000 }, () => 50 + 2 * rng.normal());
    const model = await new MovingAverageFactory({ horizon: 1, window: 4, quantiles: [0.5, 0.975] }).fit({
      target,
    });
    const forecast = model.predict({ target });
    const deviation = ((forecast.values[1] as number) - (forecast.values[0] as number)) / 1.959963984540054;
    expect(deviation).toBeCloseTo(2 * Math.sqrt(1.25), 1);
  });

  it('refuses a bad window and a series not longer than it', async () => {
    expect(() => new MovingAverageFactory({ horizon: 1, window: 0 })).toThrow(
      'moving-average window "0" must be a whole number >= 1',
    );
    await expect(
      new MovingAverageFactory({ horizon: 1, window: 3 }).fit({ target: Float64Array.of(1, 2, 3) }),
    ).rejects.toThrow('of "3" values must hold at least 4');
  });
});
