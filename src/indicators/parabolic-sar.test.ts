import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParabolicSarStream, parabolicSar } from './parabolic-sar.js';
import { barObjects, expectPublished, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

/** Wilder's example bars, as TA-Lib's test_sar.c lists them (38 bars). */
const WILDER_HIGH = Float64Array.from([
  51.12, 52.35, 52.1, 51.8, 52.1, 52.5, 52.8, 52.5, 53.5, 53.5, 53.8, 54.2, 53.4, 53.5, 54.4, 55.2, 55.7, 57,
  57.5, 58, 57.7, 58, 57.5, 57, 56.7, 57.5, 56.7, 56.0, 56.2, 54.8, 55.5, 54.7, 54.0, 52.5, 51.0, 51.5, 51.7,
  53.0,
]);
const WILDER_LOW = Float64Array.from([
  50.0, 51.5, 51, 50.5, 51.25, 51.7, 51.85, 51.5, 52.3, 52.5, 53, 53.5, 52.5, 52.1, 53, 54, 55, 56, 56.5, 57,
  56.5, 57.3, 56.7, 56.3, 56.2, 56, 55.5, 55.0, 54.9, 54.0, 54.5, 53.8, 53.0, 51.5, 50.0, 50.5, 50.2, 51.5,
]);

/**
 * TA-Lib's TA_SAR (ta_func/ta_SAR.c, startIdx 0 to the end) transliterated loop for loop over whole arrays, as an
 * independent reference for the state machine the kernel and the stream share.
 */
function taLibSar(
  inHigh: Float64Array,
  inLow: Float64Array,
  acceleration: number,
  maximum: number,
): number[] {
  const out = Array.from(inHigh, () => Number.NaN);
  if (inHigh.length < 2) return out;
  let optInAcceleration = acceleration;
  let af = optInAcceleration;
  if (af > maximum) af = optInAcceleration = maximum;
  const diffP = inHigh[1]! - inHigh[0]!;
  const diffM = inLow[0]! - inLow[1]!;
  let isLong = diffM > 0 && diffP < diffM ? 0 : 1;
  let todayIdx = 1;
  let newHigh = inHigh[0]!;
  let newLow = inLow[0]!;
  let ep: number;
  let sar: number;
  if (isLong === 1) {
    ep = inHigh[1]!;
    sar = newLow;
  } else {
    ep = inLow[1]!;
    sar = newHigh;
  }
  newLow = inLow[1]!;
  newHigh = inHigh[1]!;
  while (todayIdx < inHigh.length) {
    const prevLow = newLow;
    const prevHigh = newHigh;
    newLow = inLow[todayIdx]!;
    newHigh = inHigh[todayIdx]!;
    const outIdx = todayIdx++;
    if (isLong === 1) {
      if (newLow <= sar) {
        isLong = 0;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out[outIdx] = sar;
        af = optInAcceleration;
        ep = newLow;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[outIdx] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af += optInAcceleration;
          if (af > maximum) af = maximum;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = 1;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out[outIdx] = sar;
      af = optInAcceleration;
      ep = newHigh;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[outIdx] = sar;
      if (newLow < ep) {
        ep = newLow;
        af += optInAcceleration;
        if (af > maximum) af = maximum;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
  }
  return out;
}

describe('parabolicSar (TA-Lib SAR)', () => {
  it("reproduces TA-Lib's published values on Wilder's example data (ta_regtest test_sar.c)", () => {
    const result = parabolicSar(WILDER_HIGH, WILDER_LOW, 0.02, 0.2);
    expect(Number.isNaN(result[0]!)).toBe(true);
    expectPublished(result[1], '50.00');
    expectPublished(result[2], '50.047');
    expectPublished(result[5], '50.182');
    expectPublished(result[36], '52.93');
    expectPublished(result[37], '50.00');
  });

  it("equals TA-Lib's loop transliterated, on TA-Lib's reference data and random bars", () => {
    expect(Array.from(parabolicSar(TALIB_DAILY_HIGH, TALIB_DAILY_LOW))).toEqual(
      taLibSar(TALIB_DAILY_HIGH, TALIB_DAILY_LOW, 0.02, 0.2),
    );
    fc.assert(
      fc.property(
        randomBars,
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (bars, a, m) => {
          expect(Array.from(parabolicSar(bars.high, bars.low, a, m))).toEqual(
            taLibSar(bars.high, bars.low, a, m),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('works a small case by hand: a long trade, two new highs, then a reversal', () => {
    // Bar 1: +DM 1 >= -DM -1 -> long, SAR low[0] = 9, EP high[1] = 11. Outputs:
    // bar 1: 9; next 9 + 0.02 (11 - 9) = 9.04. bar 2: 9.04; new high 12 -> af 0.04; next 9.04 + 0.04 (12 - 9.04) = 9.1584
    // bar 3: 9.1584; next 9.1584 + 0.04 (12 - 9.1584) = 9.272064. bar 4: low 8 <= 9.272064 -> reverse: output the
    // EP 12 (already above the highs of bars 3 and 4).
    const result = parabolicSar(
      Float64Array.from([10, 11, 12, 11.5, 9]),
      Float64Array.from([9, 10, 11, 10, 8]),
    );
    expect(result[1]).toBe(9);
    expect(result[2]).toBeCloseTo(9.04, 12);
    expect(result[3]).toBeCloseTo(9.1584, 12);
    expect(result[4]).toBe(12);
    const stream = new ParabolicSarStream();
    for (const [i, high] of [10, 11, 12, 11.5, 9].entries())
      stream.update({ open: high, high, low: [9, 10, 11, 10, 8][i]!, close: high, volume: 0 });
    expect(stream.isLong).toBe(false);
  });

  it('starts short when the first bar shows the larger downward move, with its SAR at the first high', () => {
    // +DM = 9.5 - 10 < -DM = 9 - 8 = 1 > 0 -> short; SAR of bar 1 = high[0] = 10.
    const stream = new ParabolicSarStream();
    expect(stream.update({ open: 10, high: 10, low: 9, close: 9.5, volume: 0 })).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.update({ open: 9, high: 9.5, low: 8, close: 8.5, volume: 0 })).toBe(10);
    expect(stream.isLong).toBe(false);
    expect(stream.isReady).toBe(true);
  });

  it('lowers an acceleration above the maximum to the maximum, as TA-Lib does', () => {
    expect(Array.from(parabolicSar(WILDER_HIGH, WILDER_LOW, 0.5, 0.2))).toEqual(
      Array.from(parabolicSar(WILDER_HIGH, WILDER_LOW, 0.2, 0.2)),
    );
  });

  it('uses no future bar: truncating the input leaves the earlier outputs unchanged', () => {
    const full = parabolicSar(TALIB_DAILY_HIGH, TALIB_DAILY_LOW);
    const head = parabolicSar(TALIB_DAILY_HIGH.subarray(0, 100), TALIB_DAILY_LOW.subarray(0, 100));
    expect(Array.from(head)).toEqual(Array.from(full.subarray(0, 100)));
  });

  it('streams exactly the batch values on random series', () => {
    fc.assert(
      fc.property(randomBars, (bars) => {
        const stream = new ParabolicSarStream(0.02, 0.2);
        expectSameSeries(
          barObjects(bars).map((bar) => stream.update(bar)),
          parabolicSar(bars.high, bars.low),
        );
        stream.reset();
        expect(stream.isReady).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an acceleration or maximum outside [0, 1]', () => {
    expect(() => parabolicSar(WILDER_HIGH, WILDER_LOW, -0.1)).toThrow(
      /parabolicSar acceleration "-0.1" must be a number between 0 and 1/,
    );
    expect(() => new ParabolicSarStream(0.02, 2)).toThrow(/parabolicSar maximum "2"/);
    expect(() => parabolicSar(WILDER_HIGH, WILDER_LOW.subarray(1))).toThrow(/same length/);
  });
});
