import { describe, expect, it } from 'vitest';
import { higherBarCount, sampleEvery } from './higher-timeframe.js';

describe('higher timeframe resample', () => {
  it('takes every n-th close ending at the latest bar, oldest first', () => {
    const closes = Float64Array.from({ length: 12 }, (_, i) => 100 + i);
    expect(Array.from(sampleEvery(closes, 11, 5, 3))).toEqual([101, 106, 111]);
    expect(Array.from(sampleEvery(closes, 9, 4, 2))).toEqual([105, 109]);
  });

  it('writes into a reused buffer and returns a view of the count asked', () => {
    const buffer = new Float64Array(4).fill(-1);
    const view = sampleEvery(Float64Array.of(1, 2, 3, 4, 5), 4, 2, 3, buffer);
    expect(Array.from(view)).toEqual([1, 3, 5]);
    expect(Array.from(buffer)).toEqual([1, 3, 5, -1]);
  });

  it('counts the higher bars in a span of base bars', () => {
    expect(higherBarCount(0, 11, 5)).toBe(3); // bars 1, 6, 11
    expect(higherBarCount(2, 11, 5)).toBe(2); // bars 6, 11
    expect(higherBarCount(0, 0, 5)).toBe(1);
    expect(higherBarCount(3, 2, 5)).toBe(0);
  });
});
