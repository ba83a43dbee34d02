import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { initializerBound, initialValues, type Initializer } from './initializers.js';

describe('initializers', () => {
  it('use the published bounds', () => {
    expect(initializerBound('uniform-fan-in', 16, 4)).toBeCloseTo(0.25, 12);
    expect(initializerBound('glorot-uniform', 10, 14)).toBeCloseTo(0.5, 12); // √(6/24)
    expect(initializerBound('he-uniform', 24, 1)).toBeCloseTo(0.5, 12); // √(6/24)
    expect(initializerBound('zeros', 3, 3)).toBe(0);
  });

  it('refuses bad fans and unknown names with the value quoted', () => {
    expect(() => initializerBound('he-uniform', 0, 1)).toThrow('fanIn "0" must be an integer >= 1');
    expect(() => initializerBound('he-uniform', 2, 1.5)).toThrow('fanOut "1.5" must be an integer >= 1');
    expect(() => initializerBound('normal' as Initializer, 2, 2)).toThrow(
      'initializer "normal" must be one of',
    );
  });

  it('draw seeded values within the bound that fill it (mean ≈ 0, variance ≈ b²/3)', () => {
    const values = initialValues('glorot-uniform', 20_000, 10, 14, new SeededRng(5));
    let sum = 0;
    let squares = 0;
    for (const value of values) {
      expect(Math.abs(value)).toBeLessThanOrEqual(0.5);
      sum += value;
      squares += value * value;
    }
    expect(sum / values.length).toBeCloseTo(0, 2);
    expect(squares / values.length).toBeCloseTo(0.25 / 3, 2);
    expect(initialValues('glorot-uniform', 5, 10, 14, new SeededRng(5))).toEqual(values.slice(0, 5));
    expect(Array.from(initialValues('zeros', 3, 1, 1, new SeededRng(5)))).toEqual([0, 0, 0]);
  });
});
