import { describe, expect, it } from 'vitest';
import { underwaterSeries } from './underwater.js';

describe('underwaterSeries', () => {
  it('divides by the running peak', () => {
    const result = underwaterSeries(Float64Array.of(100, 120, 90, 60, 130, 117));
    expect(Array.from(result)).toEqual([0, 0, 90 / 120 - 1, 60 / 120 - 1, 0, 117 / 130 - 1]);
    expect(result[3]).toBeCloseTo(-0.5, 15);
  });

  it('marks non-finite equity as NaN without moving the peak', () => {
    const result = underwaterSeries(Float64Array.of(100, Number.NaN, Number.POSITIVE_INFINITY, 50));
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeNaN();
    expect(result[3]).toBe(-0.5);
  });

  it('is NaN while the running peak is not positive', () => {
    const result = underwaterSeries(Float64Array.of(-10, 0, 5, 4));
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBe(0);
    expect(result[3]).toBeCloseTo(-0.2, 15);
  });
});
