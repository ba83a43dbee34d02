import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { worstWindows } from './worst-windows.js';

describe('worstWindows', () => {
  it('finds the worst compounded windows replayed on the exposures (hand-worked)', () => {
    // One asset, exposure 1,000, returns [0.01, −0.1, −0.1, 0.05, −0.02, 0.02]; 2-period windows compound:
    // s=0: 1.01·0.9 − 1 = −0.091; s=1: 0.9·0.9 − 1 = −0.19; s=2: 0.9·1.05 − 1 = −0.055;
    // s=3: 1.05·0.98 − 1 = 0.029; s=4: 0.98·1.02 − 1 = −0.0004.
    // Worst: s=1 (−190); next non-overlapping: s=0 and s=2 overlap s=1, so s=4 (−0.4); then s=3 overlaps s=4.
    const windows = worstWindows(
      [Float64Array.from([0.01, -0.1, -0.1, 0.05, -0.02, 0.02])],
      Float64Array.from([1000]),
      2,
      3,
    );
    expect(windows.map((w) => [w.startIndex, w.endIndex])).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(windows[0]?.pnl).toBeCloseTo(-190, 9);
    expect(windows[1]?.pnl).toBeCloseTo(-0.4, 9);
  });

  it('agrees with direct products over every window for a multi-asset book', () => {
    const rng = new SeededRng(4);
    const returns = Array.from({ length: 5 }, () =>
      Float64Array.from({ length: 200 }, () => 0.02 * rng.normal()),
    );
    const exposures = Float64Array.from([100, -50, 30, 80, 10]);
    const [worst] = worstWindows(returns, exposures, 10, 1);
    let minimum = Number.POSITIVE_INFINITY;
    let argmin = -1;
    for (let s = 0; s + 10 <= 200; s++) {
      let pnl = 0;
      returns.forEach((series, i) => {
        let growth = 1;
        for (let t = s; t < s + 10; t++) growth *= 1 + series[t]!;
        pnl += exposures[i]! * (growth - 1);
      });
      if (pnl < minimum) [minimum, argmin] = [pnl, s];
    }
    expect(worst?.startIndex).toBe(argmin);
    expect(Math.abs(worst!.pnl - minimum)).toBeLessThan(1e-10);
    expect(Math.abs(worst!.assetPnl.reduce((a, b) => a + b, 0) - minimum)).toBeLessThan(1e-10);
  });

  it('rejects a window longer than the data, a bad count and a return of −100% or less', () => {
    const one = [Float64Array.from([0.01, 0.02])];
    expect(() => worstWindows(one, Float64Array.from([1]), 3, 1)).toThrow('window length "3"');
    expect(() => worstWindows(one, Float64Array.from([1]), 1, 0)).toThrow('count "0"');
    expect(() => worstWindows([Float64Array.from([-1.5, 0.02])], Float64Array.from([1]), 1, 1)).toThrow(
      'return "-1.5" of series 0 at index 0 must be a number >= -1',
    );
    expect(() => worstWindows(one, Float64Array.from([1, 2]), 1, 1)).toThrow(
      '"2" exposures but 1 return series',
    );
  });
});
