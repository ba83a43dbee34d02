import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { equityReturns } from './equity-returns.js';

describe('equityReturns', () => {
  it('takes the first return from the starting equity and the rest bar to bar', () => {
    const returns = equityReturns(Float64Array.of(110, 99, 99), 100);
    expect(returns[0]).toBeCloseTo(0.1, 15); // 110 / 100 − 1
    expect(returns[1]).toBeCloseTo(-0.1, 15); // 99 / 110 − 1
    expect(returns[2]).toBe(0); // flat bar
  });

  it('returns an empty array for an empty curve', () => {
    expect(equityReturns(new Float64Array(0), 100)).toHaveLength(0);
  });

  it('writes into the buffer it is given', () => {
    const out = new Float64Array(2);
    const result = equityReturns(Float64Array.of(50, 100), 100, out);
    expect(result).toBe(out);
    expect(Array.from(out)).toEqual([-0.5, 1]);
  });

  it('refuses a buffer of the wrong length', () => {
    expect(() => equityReturns(Float64Array.of(1, 2), 1, new Float64Array(3))).toThrow(
      'returns output length "3" must equal the equity curve length 2',
    );
  });

  it('refuses a starting equity that is not a positive finite number', () => {
    expect(() => equityReturns(Float64Array.of(1), 0)).toThrow(
      'starting equity "0" must be a finite number > 0',
    );
    expect(() => equityReturns(Float64Array.of(1), Number.NaN)).toThrow('starting equity "NaN"');
  });

  it('compounds to the total return of the curve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (levels, start) => {
          const equity = Float64Array.from(levels);
          const returns = equityReturns(equity, start);
          let growth = 1;
          for (const r of returns) growth *= 1 + r;
          const expected = (equity[equity.length - 1] as number) / start;
          // 1 + r for a ratio ρ = a/b as small as 1e-6 cancels: ~ε/ρ ≈ 1.1e-10 relative error per step, 50 steps.
          expect(Math.abs(growth - expected) / expected).toBeLessThan(1e-8);
        },
      ),
    );
  });
});
