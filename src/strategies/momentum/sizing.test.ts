import { describe, expect, it } from 'vitest';
import { crossSectionalWeights, unitsFor, volatilityScale, type WeightingInputs } from './sizing.js';

const inputs = (weighting: WeightingInputs['weighting'], sides = 1): WeightingInputs => ({
  weighting,
  slots: 4,
  sides,
  targetVolatility: 0.15,
  maxVolatilityScale: 1.5,
});

describe('volatilityScale', () => {
  it('is target / realized, capped', () => {
    expect(volatilityScale(0.15, 0.3, 2)).toBeCloseTo(0.5, 15); // 0.15 / 0.30
    expect(volatilityScale(0.15, 0.05, 2)).toBe(2); // 3 capped at 2
    expect(volatilityScale(0.15, 0, 2)).toBe(2);
    expect(volatilityScale(0.15, Number.NaN, 1)).toBe(1);
  });
});

describe('unitsFor', () => {
  it('rounds down to whole units unless fractional', () => {
    expect(unitsFor(1000, 30, false)).toBe(33); // 33.33 → 33
    expect(unitsFor(1000, 30, true)).toBeCloseTo(33.333333333333336, 12);
    expect(unitsFor(1000, 0, false)).toBe(0);
    expect(unitsFor(-5, 10, true)).toBe(0);
  });
});

describe('crossSectionalWeights', () => {
  const selected = Int32Array.of(2, 0, 3);
  const volatilities = Float64Array.of(0.2, 0.9, 0.4, 0.1);

  it('gives each selected name 1 / (slots × sides) with equal weighting, leaving empty slots in cash', () => {
    const out = new Float64Array(4);
    crossSectionalWeights(selected, 3, volatilities, inputs('equal'), out);
    expect(Array.from(out)).toEqual([0.25, 0, 0.25, 0.25]); // 3 of 4 slots: 75% invested
    crossSectionalWeights(selected, 2, volatilities, inputs('equal', 2), out.fill(0));
    expect(Array.from(out)).toEqual([0.125, 0, 0.125, 0]); // long and short books: 1 / 8 each
  });

  it('splits the filled slots in proportion to 1 / volatility with inverse-volatility weighting', () => {
    // Selected vols 0.4, 0.2, 0.1 → inverses 2.5, 5, 10 (sum 17.5); share 3 × 0.25 = 0.75.
    const out = new Float64Array(4);
    crossSectionalWeights(selected, 3, volatilities, inputs('inverse-volatility'), out);
    expect(out[2]).toBeCloseTo((0.75 * 2.5) / 17.5, 15);
    expect(out[0]).toBeCloseTo((0.75 * 5) / 17.5, 15);
    expect(out[3]).toBeCloseTo((0.75 * 10) / 17.5, 15);
    expect(out[1]).toBe(0);
  });

  it('scales each equal share to the target volatility with volatility-target weighting', () => {
    // 0.25 × min(0.15 / σ, 1.5): σ 0.4 → 0.09375; σ 0.2 → 0.1875; σ 0.1 → 0.25 × 1.5 = 0.375.
    const out = new Float64Array(4);
    crossSectionalWeights(selected, 3, volatilities, inputs('volatility-target'), out);
    expect(out[2]).toBeCloseTo(0.09375, 15);
    expect(out[0]).toBeCloseTo(0.1875, 15);
    expect(out[3]).toBeCloseTo(0.375, 15);
  });

  it('treats a zero volatility as the smallest positive one for inverse-volatility', () => {
    // vols 0 and 0.5 → 0 counts as 0.5: two equal halves of 2 × 0.25.
    const out = new Float64Array(2);
    crossSectionalWeights(Int32Array.of(0, 1), 2, Float64Array.of(0, 0.5), inputs('inverse-volatility'), out);
    expect(Array.from(out)).toEqual([0.25, 0.25]);
    const none = new Float64Array(2);
    crossSectionalWeights(
      Int32Array.of(0, 1),
      2,
      Float64Array.of(0, Number.NaN),
      inputs('inverse-volatility'),
      none,
    );
    expect(Array.from(none)).toEqual([0.25, 0.25]);
  });
});
