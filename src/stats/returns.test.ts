import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logReturns, simpleReturns } from './returns.js';

describe('simpleReturns and logReturns', () => {
  it('computes hand-worked returns with NaN first', () => {
    const prices = Float64Array.of(100, 110, 99, 99);
    const simple = simpleReturns(prices);
    expect(simple[0]).toBeNaN();
    expect(simple[1]).toBeCloseTo(0.1, 15);
    expect(simple[2]).toBeCloseTo(-0.1, 15);
    expect(simple[3]).toBe(0);
    const log = logReturns(prices);
    expect(log[0]).toBeNaN();
    expect(log[1]).toBeCloseTo(Math.log(1.1), 15);
    expect(log[2]).toBeCloseTo(Math.log(0.9), 15);
    expect(log[3]).toBe(0);
  });

  it('gives log returns with e^log = 1 + simple return, summing to the log of the total move', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (values) => {
          const prices = Float64Array.from(values);
          const simple = simpleReturns(prices);
          const log = logReturns(prices);
          let total = 0;
          for (let t = 1; t < prices.length; t++) {
            // Compared as growth factors: e^log = 1 + simple, to the rounding of 1 + simple (about ε absolute).
            const growth = 1 + (simple[t] as number);
            expect(Math.abs(Math.exp(log[t] as number) - growth)).toBeLessThan(1e-14 * Math.max(1, growth));
            total += log[t] as number;
          }
          const overall = Math.log((prices[prices.length - 1] as number) / (prices[0] as number));
          expect(Math.abs(total - overall)).toBeLessThan(1e-11);
        },
      ),
    );
  });

  it('writes into a reused buffer, handles empty input and refuses a buffer of the wrong length', () => {
    const out = new Float64Array(3).fill(7);
    expect(simpleReturns(Float64Array.of(1, 2, 4), out)).toBe(out);
    expect(Array.from(out)).toEqual([Number.NaN, 1, 1]);
    expect(logReturns(new Float64Array(0))).toHaveLength(0);
    expect(() => logReturns(Float64Array.of(1, 2), new Float64Array(3))).toThrow(
      /length "3" must equal the price count 2/,
    );
  });

  it('propagates a missing price to the returns on both sides of it', () => {
    const simple = simpleReturns(Float64Array.of(1, Number.NaN, 2, 3));
    expect(simple[1]).toBeNaN();
    expect(simple[2]).toBeNaN();
    expect(simple[3]).toBeCloseTo(0.5, 15);
  });
});
