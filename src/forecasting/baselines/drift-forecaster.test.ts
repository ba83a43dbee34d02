import { describe, expect, it } from 'vitest';
import { DriftFactory } from './drift-forecaster.js';

const LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975];
const Y = Float64Array.of(10, 12, 11, 15, 14);

describe('DriftFactory', () => {
  it('extends the first-to-last line with σ√(h(1 + h/T)) intervals (hand-worked)', async () => {
    // c = (14 - 10) / 4 = 1; residuals (diff - c): 1, -2, 3, -2; Σe² = 18; σ² = 18 / (T - 2) = 6.
    // h = 1, 97.5%: 15 + 1.959963984540054 · √(6 · 1 · 1.2)  = 20.25913524345949.
    // h = 5, 10%:   19 - 1.2815515655446004 · √(6 · 5 · 2)  = 9.073144258679436.
    const model = await new DriftFactory({ horizon: 5, quantiles: LEVELS }).fit({ target: Y });
    const forecast = model.predict({ target: Y });
    const at = (step: number, q: number): number => forecast.values[(step - 1) * 5 + q] as number;
    expect([1, 2, 3, 4, 5].map((step) => at(step, 2))).toEqual([15, 16, 17, 18, 19]);
    expect(at(1, 4)).toBeCloseTo(20.25913524345949, 12);
    expect(at(5, 1)).toBeCloseTo(9.073144258679436, 12);
    expect(model.name).toBe('drift');
  });

  it('applies the fitted drift to the last value of a later history', async () => {
    const model = await new DriftFactory({ horizon: 2, quantiles: [0.5] }).fit({ target: Y });
    expect(Array.from(model.predict({ target: Float64Array.of(3, 50) }).values)).toEqual([51, 52]);
  });

  it('gives a zero-width interval on a straight line', async () => {
    const target = Float64Array.from({ length: 10 }, (_, t) => 3 + 2 * t);
    const forecast = (await new DriftFactory({ horizon: 2 }).fit({ target })).predict({ target });
    expect(Array.from(forecast.values)).toEqual([...Array<number>(7).fill(23), ...Array<number>(7).fill(25)]);
  });

  it('refuses fewer than three training values', async () => {
    await expect(new DriftFactory({ horizon: 1 }).fit({ target: Float64Array.of(1, 2) })).rejects.toThrow(
      'training series for drift of "2" values must hold at least 3',
    );
  });
});
