import { describe, expect, it } from 'vitest';
import { SeasonalNaiveFactory } from './seasonal-naive-forecaster.js';

const LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975];
const Y = Float64Array.of(10, 12, 11, 15, 14, 16);

describe('SeasonalNaiveFactory', () => {
  it('repeats the last season with σ√(k+1) intervals (hand-worked, m = 2)', async () => {
    // Residuals y_t - y_{t-2}: 1, 3, 3, 1; Σe² = 20; σ² = 20 / (T - m) = 5.
    // Points: h = 1, 3, 5 → 14 (y_5), h = 2, 4 → 16 (y_6); k = floor((h - 1)/2) = 0, 0, 1, 1, 2.
    // h = 4, 90%:  16 + 1.2815515655446004 · √5 · √2 = 20.052621886075503.
    // h = 5, 2.5%: 14 - 1.959963984540054 · √5 · √3  = 6.40909212871004.
    const model = await new SeasonalNaiveFactory({ horizon: 5, seasonLength: 2, quantiles: LEVELS }).fit({
      target: Y,
    });
    const forecast = model.predict({ target: Y });
    const at = (step: number, q: number): number => forecast.values[(step - 1) * 5 + q] as number;
    expect([1, 2, 3, 4, 5].map((step) => at(step, 2))).toEqual([14, 16, 14, 16, 14]);
    expect(at(4, 3)).toBeCloseTo(20.052621886075503, 12);
    expect(at(5, 0)).toBeCloseTo(6.40909212871004, 12);
    expect(at(1, 3) - at(1, 2)).toBeCloseTo(2.865636417229005, 12);
    expect(at(2, 3) - at(2, 2)).toBeCloseTo(2.865636417229005, 12);
    expect(model.inputSize).toBe(2);
    expect(model.name).toBe('seasonal-naive');
  });

  it('forecasts a pure weekly pattern exactly with a zero-width interval', async () => {
    const pattern = [5, 9, 2, 7];
    const target = Float64Array.from({ length: 40 }, (_, t) => pattern[t % 4] as number);
    const model = await new SeasonalNaiveFactory({ horizon: 6, seasonLength: 4 }).fit({ target });
    const forecast = model.predict({ target: target.subarray(0, 37) });
    // The history ends at t = 36 (pattern index 0), so steps continue from index 1.
    for (let step = 0; step < 6; step++)
      for (let q = 0; q < 7; q++) expect(forecast.values[step * 7 + q]).toBe(pattern[(37 + step) % 4]);
  });

  it('refuses a bad season length and a series not longer than one season', async () => {
    expect(() => new SeasonalNaiveFactory({ horizon: 1, seasonLength: 0 })).toThrow(
      'season length "0" must be a whole number >= 1',
    );
    await expect(
      new SeasonalNaiveFactory({ horizon: 1, seasonLength: 3 }).fit({ target: Float64Array.of(1, 2, 3) }),
    ).rejects.toThrow('training series for seasonal-naive of "3" values must hold at least 4');
  });
});
