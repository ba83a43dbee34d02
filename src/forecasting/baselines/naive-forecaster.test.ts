import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import { NaiveFactory } from './naive-forecaster.js';

const LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975];
const Y = Float64Array.of(10, 12, 11, 15, 14);

describe('NaiveFactory', () => {
  it('forecasts the last value with σ√h intervals from the one-step residuals (hand-worked)', async () => {
    // Residuals y_t - y_{t-1}: 2, -1, 4, -1; Σe² = 22; σ² = 22 / (T - 1) = 5.5.
    // Step 4, 97.5%: 14 + 1.959963984540054 · √5.5 · √4 = 23.19304596177299.
    // Step 1, 10%:   14 - 1.2815515655446004 · √5.5     = 10.994495169971607.
    // Step 3, 90%:   14 + 1.2815515655446004 · √5.5 · √3 = 19.205687068002838 (z from Python's statistics.NormalDist).
    const model = await new NaiveFactory({ horizon: 4, quantiles: LEVELS }).fit({ target: Y });
    const forecast = model.predict({ target: Y });
    expect(forecast.horizon).toBe(4);
    expect(forecast.quantiles).toEqual(LEVELS);
    const at = (step: number, q: number): number => forecast.values[(step - 1) * 5 + q] as number;
    for (let step = 1; step <= 4; step++) expect(at(step, 2)).toBe(14);
    expect(at(4, 4)).toBeCloseTo(23.19304596177299, 12);
    expect(at(1, 1)).toBeCloseTo(10.994495169971607, 12);
    expect(at(3, 3)).toBeCloseTo(19.205687068002838, 12);
    expect(at(2, 0) + at(2, 4)).toBeCloseTo(28, 12);
    expect(model.name).toBe('naive');
    expect(model.inputSize).toBe(1);
  });

  it('keeps the fitted σ and reads only the last value of a new history', async () => {
    const model = await new NaiveFactory({ horizon: 2, quantiles: LEVELS }).fit({ target: Y });
    const forecast = model.predict({ target: Float64Array.of(Number.NaN, 100) });
    expect(forecast.values[2]).toBe(100);
    expect((forecast.values[9] as number) - 100).toBeCloseTo(1.959963984540054 * Math.sqrt(11), 12);
  });

  it('reports the default median and 80/95/99% levels, non-decreasing at every step', async () => {
    const model = await new NaiveFactory({ horizon: 3 }).fit({ target: Y });
    const forecast = model.predict({ target: Y });
    expect(forecast.quantiles).toEqual(DEFAULT_QUANTILES);
    for (let step = 0; step < 3; step++)
      for (let q = 1; q < 7; q++)
        expect(forecast.values[step * 7 + q]).toBeGreaterThan(forecast.values[step * 7 + q - 1] as number);
  });

  it('refuses a bad horizon, levels, a short or non-finite series and a short history', async () => {
    expect(() => new NaiveFactory({ horizon: 0 })).toThrow('horizon "0" must be a whole number >= 1');
    expect(() => new NaiveFactory({ horizon: 1, quantiles: [0.1, 0.9] })).toThrow('must include 0.5');
    expect(() => new NaiveFactory({ horizon: 1, quantiles: [0.5, 0.1] })).toThrow(
      'quantile levels must ascend: "0.1" at index 1 follows "0.5"',
    );
    expect(() => new NaiveFactory({ horizon: 1, quantiles: [0, 0.5] })).toThrow(
      'quantile level "0" at index 0 must be in (0, 1)',
    );
    expect(() => new NaiveFactory({ horizon: 1, quantiles: [] })).toThrow('at least one level');
    const factory = new NaiveFactory({ horizon: 1 });
    await expect(factory.fit({ target: Float64Array.of(1) })).rejects.toThrow(
      'training series for naive of "1" values must hold at least 2',
    );
    await expect(factory.fit({ target: Float64Array.of(1, Number.POSITIVE_INFINITY) })).rejects.toThrow(
      'training series for naive value "Infinity" at index 1 must be a finite number',
    );
    const model = await factory.fit({ target: Y });
    expect(() => model.predict({ target: new Float64Array(0) })).toThrow('history for naive of "0" values');
  });
});

describe('NaiveFactory on a simulated random walk', () => {
  it('covers about 95% of values 1 and 9 steps ahead (σ√h is the random walk’s true spread)', async () => {
    const rng = new SeededRng(11);
    const target = new Float64Array(12_000);
    for (let t = 1; t < target.length; t++) target[t] = (target[t - 1] as number) + rng.normal();
    const model = await new NaiveFactory({ horizon: 9, quantiles: [0.025, 0.5, 0.975] }).fit({
      target: target.subarray(0, 2000),
    });
    const inside = [0, 0];
    let total = 0;
    for (let origin = 2000; origin + 9 <= target.length; origin += 9) {
      const forecast = model.predict({ target: target.subarray(0, origin) });
      [0, 8].forEach((step, i) => {
        const y = target[origin + step] as number;
        if (y >= (forecast.values[step * 3] as number) && y <= (forecast.values[step * 3 + 2] as number))
          inside[i] = (inside[i] as number) + 1;
      });
      total++;
    }
    for (const count of inside) {
      expect(count / total).toBeGreaterThan(0.93);
      expect(count / total).toBeLessThan(0.97);
    }
  });
});
