import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeDrawdowns } from './drawdown.js';
import { DAY_MS, TEN_BAR_START, tenBarEquity, tenBarTimestamps } from './ten-bar-series.fixture.js';

const hours = (count: number): Float64Array =>
  Float64Array.from({ length: count }, (_, t) => (t + 1) * 3_600_000);

describe('analyzeDrawdowns', () => {
  it('finds the hand-worked drawdowns of the ten-bar series', () => {
    const ts = tenBarTimestamps();
    const equity = tenBarEquity();
    const summary = analyzeDrawdowns(ts, equity, TEN_BAR_START, (ts[0] as number) - DAY_MS);
    expect(summary.maxDrawdown).toBeCloseTo(0.03, 14);
    expect(summary.maxDrawdownAmount).toBeCloseTo(3.211993328544, 10);
    expect(summary.peakIndex).toBe(6);
    expect(summary.troughIndex).toBe(7);
    expect(summary.recoveryIndex).toBe(-1);
    expect(summary.peakTs).toBe(ts[6]);
    expect(summary.troughTs).toBe(ts[7]);
    expect(summary.recoveryTs).toBeNaN();
    expect(summary.durationBars).toBe(3); // bar 6 to the last bar, 9
    expect(summary.durationMs).toBe(3 * DAY_MS);
    expect(summary.longestDurationBars).toBe(4); // bar 2 to its recovery on bar 6
    expect(summary.longestDurationMs).toBe(4 * DAY_MS);
  });

  it('dates a drawdown from the starting equity at startTs and index −1', () => {
    // 100 → 90 → 95 → 100 (recovered on bar 2, equal to the peak).
    const summary = analyzeDrawdowns(hours(3), Float64Array.of(90, 95, 100), 100, 0);
    expect(summary.maxDrawdown).toBeCloseTo(0.1, 15);
    expect(summary.maxDrawdownAmount).toBe(10);
    expect(summary.peakIndex).toBe(-1);
    expect(summary.peakTs).toBe(0);
    expect(summary.recoveryIndex).toBe(2);
    expect(summary.recoveryTs).toBe(3 * 3_600_000);
    expect(summary.durationBars).toBe(3);
    expect(summary.durationMs).toBe(3 * 3_600_000);
    expect(summary.longestDurationBars).toBe(3);
  });

  it('keeps the largest fraction and the largest money fall apart', () => {
    // 100 → 50 is −50 % (50 in money); 1000 → 900 is −10 % but 100 in money.
    const summary = analyzeDrawdowns(hours(4), Float64Array.of(50, 1000, 900, 950), 100, 0);
    expect(summary.maxDrawdown).toBe(0.5);
    expect(summary.maxDrawdownAmount).toBe(100);
    expect(summary.peakIndex).toBe(-1);
    expect(summary.troughIndex).toBe(0);
    expect(summary.recoveryIndex).toBe(1);
    expect(summary.durationBars).toBe(2);
    // The later episode (bar 1 to the end, 2 bars) ties the first; longest stays 2.
    expect(summary.longestDurationBars).toBe(2);
  });

  it('moves the max drawdown to a deeper later episode and forgets the earlier recovery', () => {
    // 100 → 95 (−5 %, recovered bar 1) → 110 → 88 (−20 %, never recovered).
    const summary = analyzeDrawdowns(hours(4), Float64Array.of(95, 100, 110, 88), 100, 0);
    expect(summary.maxDrawdown).toBeCloseTo(0.2, 15);
    expect(summary.peakIndex).toBe(2);
    expect(summary.recoveryIndex).toBe(-1);
    expect(summary.durationBars).toBe(1);
    expect(summary.longestDurationBars).toBe(2);
  });

  it('reports no drawdown for a rising or flat curve and for no bars', () => {
    for (const equity of [Float64Array.of(100, 101, 102), Float64Array.of(100, 100), new Float64Array(0)]) {
      const summary = analyzeDrawdowns(hours(equity.length), equity, 100, 0);
      expect(summary.maxDrawdown).toBe(0);
      expect(summary.maxDrawdownAmount).toBe(0);
      expect(summary.peakIndex).toBe(-1);
      expect(summary.peakTs).toBeNaN();
      expect(summary.troughTs).toBeNaN();
      expect(summary.durationBars).toBe(0);
      expect(summary.durationMs).toBe(0);
      expect(summary.longestDurationBars).toBe(0);
    }
  });

  it('refuses timestamps of another length', () => {
    expect(() => analyzeDrawdowns(hours(2), Float64Array.of(1), 1, 0)).toThrow(
      'timestamp count "2" must equal the equity count 1',
    );
  });

  it('agrees with a brute-force scan and stays within [0, 1] for positive equity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        (levels, start) => {
          const equity = Float64Array.from(levels);
          const summary = analyzeDrawdowns(hours(equity.length), equity, start, 0);
          let worst = 0;
          let worstAmount = 0;
          for (let t = 0; t < equity.length; t++) {
            let peak = start;
            for (let s = 0; s <= t; s++) peak = Math.max(peak, equity[s] as number);
            worst = Math.max(worst, 1 - (equity[t] as number) / peak);
            worstAmount = Math.max(worstAmount, peak - (equity[t] as number));
          }
          expect(summary.maxDrawdown).toBeCloseTo(worst, 12);
          expect(summary.maxDrawdownAmount).toBe(worstAmount);
          expect(summary.maxDrawdown).toBeGreaterThanOrEqual(0);
          expect(summary.maxDrawdown).toBeLessThanOrEqual(1);
          expect(summary.durationBars).toBeLessThanOrEqual(summary.longestDurationBars);
          // Bars are an hour apart and the start sits one hour before bar 0, so ms = bars × 1 h.
          expect(summary.durationMs).toBe(summary.durationBars * 3_600_000);
          expect(summary.longestDurationMs).toBe(summary.longestDurationBars * 3_600_000);
        },
      ),
    );
  });
});
