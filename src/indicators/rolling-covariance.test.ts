import fc from 'fast-check';
import { getCorrelation } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { buildBars, randomBars } from './random-bars.fixture.js';
import { RollingCovarianceStream, rollingCovariance } from './rolling-covariance.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

interface WindowStatistics {
  covariance: number;
  correlation: number;
  beta: number;
}

/** Fresh two-pass statistics of one window, centred on its first element (the oracle TA-Lib's test_correl.c uses). */
function twoPass(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  end: number,
  period: number,
  sample = true,
): WindowStatistics {
  const start = end - period + 1;
  const ox = x[start]!;
  const oy = y[start]!;
  let mx = 0;
  let my = 0;
  for (let j = start; j <= end; j++) {
    mx += x[j]! - ox;
    my += y[j]! - oy;
  }
  mx /= period;
  my /= period;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let j = start; j <= end; j++) {
    const dx = x[j]! - ox - mx;
    const dy = y[j]! - oy - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx <= 0 || syy <= 0) return { covariance: 0, correlation: 0, beta: sxx <= 0 ? 0 : sxy / sxx };
  return {
    covariance: sxy / (sample ? period - 1 : period),
    correlation: sxy / Math.sqrt(sxx * syy),
    beta: sxy / sxx,
  };
}

function expectAgainstTwoPass(x: Float64Array, y: Float64Array, period: number, tolerance: number): void {
  const result = rollingCovariance(x, y, period);
  for (let t = period - 1; t < x.length; t++) {
    const expected = twoPass(x, y, t, period);
    const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
    if (!(relative(result.correlation[t]!, expected.correlation) <= tolerance)) {
      expect.fail(`correlation[${t}] ${result.correlation[t]} vs ${expected.correlation}`);
    }
    if (!(relative(result.covariance[t]!, expected.covariance) <= tolerance)) {
      expect.fail(`covariance[${t}] ${result.covariance[t]} vs ${expected.covariance}`);
    }
    if (!(relative(result.beta[t]!, expected.beta) <= tolerance))
      expect.fail(`beta[${t}] ${result.beta[t]} vs ${expected.beta}`);
  }
}

describe('rollingCovariance (covariance, correlation, beta)', () => {
  it('works a small case by hand', () => {
    // Window [1, 2, 3] / [2, 4, 5]: means 2 and 11/3; Sxx = 2, Syy = 14/3, Sxy = 3.
    // Sample covariance 3 / 2 = 1.5 (population 1), correlation 3 / sqrt(2 * 14/3), beta 3 / 2.
    const x = Float64Array.from([1, 2, 3, 4]);
    const y = Float64Array.from([2, 4, 5, 9]);
    const result = rollingCovariance(x, y, 3);
    expect(Number.isNaN(result.covariance[1]!)).toBe(true);
    expect(result.covariance[2]).toBeCloseTo(1.5, 14);
    expect(result.correlation[2]).toBeCloseTo(3 / Math.sqrt(28 / 3), 14);
    expect(result.beta[2]).toBeCloseTo(1.5, 14);
    expect(rollingCovariance(x, y, 3, { sample: false }).covariance[2]).toBeCloseTo(1, 14);
    // Window [2, 3, 4] / [4, 5, 9]: Sxx 2, Sxy = (-1)(-2) + 0 + (1)(3) = 5 -> beta 2.5, covariance 2.5.
    expect(result.beta[3]).toBeCloseTo(2.5, 14);
    expect(result.covariance[3]).toBeCloseTo(2.5, 14);
  });

  it('equals a fresh two-pass computation per window to 1e-12, and trading-signals getCorrelation', () => {
    const returns = (v: Float64Array): Float64Array =>
      v.map((value, t) => (t === 0 ? 0 : value / v[t - 1]! - 1)).subarray(1);
    expectAgainstTwoPass(TALIB_DAILY_HIGH, TALIB_DAILY_LOW, 20, 1e-12);
    expectAgainstTwoPass(returns(TALIB_DAILY_CLOSE), returns(TALIB_DAILY_HIGH), 30, 1e-12);
    const result = rollingCovariance(TALIB_DAILY_HIGH, TALIB_DAILY_CLOSE, 30);
    for (let t = 29; t < 252; t += 17) {
      const reference = getCorrelation(
        Array.from(TALIB_DAILY_HIGH.subarray(t - 29, t + 1)),
        Array.from(TALIB_DAILY_CLOSE.subarray(t - 29, t + 1)),
      );
      expect(Math.abs(result.correlation[t]! - reference)).toBeLessThan(1e-12);
    }
  });

  it('stays accurate on the adversarial windows pandas and TA-Lib test (outlier exit, shared offset)', () => {
    // pandas GH#65739, as TA-Lib's test_correl.c (issue #242) uses them.
    const vx = Float64Array.from([3, 3, 7, 9, 3, 3, 3.8e12, 3, 8, 2, 2, 8, 6, 7, 7, 3, 8, 4]);
    const vyBase = [6, 3, 3, 5, 9, 1, 2, 9, 2, 1, 4, 6, 6, 9, 7, 9, 3, 5];
    for (const offset of [0, 1e13]) {
      const vy = Float64Array.from(vyBase, (v) => v + offset);
      // While 3.8e12 is in the window the sums are dominated by it; when it leaves, Sxx collapses and the
      // cancellation check recomputes the window, so the clean windows come back exact.
      const result = rollingCovariance(vx, vy, 9);
      const swapped = rollingCovariance(vy, vx, 9);
      for (let t = 8; t < 18; t++) {
        expect(Math.abs(result.correlation[t]! - twoPass(vx, vy, t, 9).correlation)).toBeLessThan(1e-12);
        expect(Math.abs(swapped.correlation[t]! - twoPass(vy, vx, t, 9).correlation)).toBeLessThan(1e-12);
      }
    }
    const bx = [1, 2, 4, 7, 3, 5, 9, 2, 6, 8];
    const by = [2, 1, 5, 3, 8, 4, 7, 9, 1, 6];
    for (const offset of [1e10, 1e14]) {
      const x = Float64Array.from(bx, (v) => v + offset);
      const y = Float64Array.from(by, (v) => v + offset);
      const result = rollingCovariance(x, y, 5);
      for (let t = 4; t < 10; t++) {
        const exact = twoPass(bx, by, t, 5);
        expect(Math.abs(result.correlation[t]! - exact.correlation)).toBeLessThan(1e-12);
        expect(Math.abs(result.covariance[t]! - exact.covariance) / Math.abs(exact.covariance)).toBeLessThan(
          1e-12,
        );
      }
    }
    // outlier_exit_no_nan: cancellation drove the one-pass sum of squares negative.
    const x = Float64Array.from([1.0, 2.0, 1.0e12, 1.0e7, 6.0, 5.0, 8.0, 7.0]);
    const y = Float64Array.from([2.0, 1.0, 3.0, -1.0e12, 4.0, 7.0, 6.0, 9.0]);
    const result = rollingCovariance(x, y, 3);
    for (let t = 2; t < 8; t++) {
      expect(Math.abs(result.correlation[t]! - twoPass(x, y, t, 3).correlation)).toBeLessThan(1e-5);
      expect(Math.abs(result.correlation[t]!)).toBeLessThanOrEqual(1);
    }
    expect(Math.abs(result.correlation[7]! - twoPass(x, y, 7, 3).correlation)).toBeLessThan(1e-12);
  });

  it("matches NIST StRD's certified correlation for the Norris data (36 observations)", () => {
    const ny = [
      0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1, 668.8, 339.3,
      448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3, 888.0, 998.5, 778.9, 10.2,
      117.6, 228.9, 668.4, 449.2, 0.2,
    ];
    const nx = [
      0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5, 666.9, 338.0,
      447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8, 339.1, 887.2, 999.0, 779.0, 11.1,
      118.3, 229.2, 669.1, 448.9, 0.5,
    ];
    const result = rollingCovariance(Float64Array.from(nx), Float64Array.from(ny), 36);
    // +sqrt(R-squared 0.999993745883712), certified to 15 digits.
    expect(Math.abs(result.correlation[35]! - 0.99999687293696671)).toBeLessThan(1e-13);
  });

  it('keeps y = a x + b at correlation +-1 at tiny ticks on a large level (TA-Lib issue #242 ladder)', () => {
    // TA-Lib's one-pass CORREL returned 0 here. At level 20000 with a 1e-9 tick the doubles themselves are
    // quantized (ulp(20000) = 3.6e-12), so y is not exactly linear in x: the reference is the two-pass value of
    // the actual data, and a = 2 (exact scaling) must give +1.
    const ticks = [
      197, 200, 199, 197, 198, 196, 194, 192, 195, 193, 195, 193, 192, 194, 197, 194, 192, 189, 186, 183,
    ];
    for (const level of [0, 100, 20000]) {
      for (const tick of [1e-5, 1e-6, 1e-8, 1e-9]) {
        const x = Float64Array.from(ticks, (v) => level + v * tick);
        for (const [a, b] of [
          [2, 0],
          [2, tick],
          [-3, 5],
        ] as const) {
          const y = x.map((v) => a * v + b);
          const result = rollingCovariance(x, y, 10);
          for (let t = 9; t < x.length; t++) {
            expect(Math.abs(result.correlation[t]! - twoPass(x, y, t, 10).correlation)).toBeLessThan(1e-12);
            if (b === 0) expect(Math.abs(result.correlation[t]! - 1)).toBeLessThan(1e-15);
          }
        }
      }
    }
  });

  it('returns 0 (TA-Lib contract) on constant windows and NaN only while a non-finite value is in the window', () => {
    const x = Float64Array.from([1, 2, 3, 5, 5, 5, 5, 6, 7, Number.NaN, 8, 9, 10, 12]);
    const y = Float64Array.from([2, 1, 4, 3, 6, 5, 8, 7, 9, 8, 11, 10, 12, 13]);
    const result = rollingCovariance(x, y, 3);
    // bars 5 and 6 hold x = 5, 5, 5: correlation 0, covariance 0, beta 0.
    for (const t of [5, 6])
      expect([result.covariance[t], result.correlation[t], result.beta[t]]).toEqual([0, 0, 0]);
    for (const t of [9, 10, 11]) expect(Number.isNaN(result.correlation[t]!)).toBe(true);
    const clean = twoPass(x, y, 12, 3);
    expect(result.correlation[12]).toBeCloseTo(clean.correlation, 12);
    expect(result.beta[13]).toBeCloseTo(twoPass(x, y, 13, 3).beta, 12);
  });

  it('streams exactly the batch values on random return series, and is close to the two-pass oracle', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 40 }), fc.boolean(), (bars, period, sample) => {
        const x = bars.close;
        const y = bars.high;
        const batch = rollingCovariance(x, y, period, { sample });
        const stream = new RollingCovarianceStream(period, { sample });
        for (let t = 0; t < x.length; t++) {
          const value = stream.update(x[t]!, y[t]!);
          if (t < period - 1) {
            expect(value).toBeNull();
            continue;
          }
          expect(value).not.toBeNull();
          expect([value!.covariance, value!.correlation, value!.beta]).toEqual([
            batch.covariance[t],
            batch.correlation[t],
            batch.beta[t],
          ]);
          const oracle = twoPass(x, y, t, period, sample);
          expect(Math.abs(batch.correlation[t]! - oracle.correlation)).toBeLessThan(1e-10);
          expect(Math.abs(batch.covariance[t]! - oracle.covariance)).toBeLessThanOrEqual(
            1e-10 * Math.max(1, Math.abs(oracle.covariance)),
          );
        }
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps 1e-12 accuracy over a long stream (periodic recomputation bounds the drift)', () => {
    const bars = buildBars(11, [{ kind: 'walk', length: 20_000 }]);
    const result = rollingCovariance(bars.close, bars.high, 50);
    for (let t = 49; t < 20_000; t += 997) {
      const oracle = twoPass(bars.close, bars.high, t, 50);
      expect(Math.abs(result.correlation[t]! - oracle.correlation)).toBeLessThan(1e-12);
      expect(Math.abs(result.beta[t]! - oracle.beta) / Math.abs(oracle.beta)).toBeLessThan(1e-12);
    }
  });

  it('refuses a bad period or option', () => {
    const x = Float64Array.from([1, 2, 3]);
    expect(() => rollingCovariance(x, x, 1)).toThrow(
      /rollingCovariance period "1" must be an integer between 2/,
    );
    expect(() => new RollingCovarianceStream(5, { sample: 'yes' as unknown as boolean })).toThrow(
      /rollingCovariance sample "yes" must be true or false/,
    );
    expect(() => rollingCovariance(x, x.subarray(1), 2)).toThrow(/same length/);
  });
});
