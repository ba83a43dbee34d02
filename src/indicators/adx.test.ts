import fc from 'fast-check';
import ti from 'technicalindicators';
import { ADX, DX } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { AdxStream, adx, type AdxOutput } from './adx.js';
import { barObjects, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { expectSeriesClose, longSeries } from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE, TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;
const C = TALIB_DAILY_CLOSE;

/** TA-Lib's ta_ADX.c / ta_DX.c / ta_PLUS_DI.c loops written out (exact zero tests instead of TA_IS_ZERO). */
function naiveAdx(high: Float64Array, low: Float64Array, close: Float64Array, n: number): AdxOutput {
  const size = close.length;
  const out = {
    adx: new Float64Array(size),
    plusDi: new Float64Array(size),
    minusDi: new Float64Array(size),
    dx: new Float64Array(size),
  };
  for (const column of Object.values(out)) column.fill(Number.NaN);
  let plus = 0;
  let minus = 0;
  let range = 0;
  let dxSum = 0;
  let average = Number.NaN;
  let previousDx = 0;
  for (let t = 1; t < size; t++) {
    const up = high[t]! - high[t - 1]!;
    const down = low[t - 1]! - low[t]!;
    const tr = Math.max(
      high[t]! - low[t]!,
      Math.abs(high[t]! - close[t - 1]!),
      Math.abs(low[t]! - close[t - 1]!),
    );
    const plusMove = up > 0 && up > down ? up : 0;
    const minusMove = down > 0 && down > up ? down : 0;
    if (t < n) {
      plus += plusMove;
      minus += minusMove;
      range += tr;
      continue;
    }
    plus = plus - plus / n + plusMove;
    minus = minus - minus / n + minusMove;
    range = range - range / n + tr;
    const plusDi = range === 0 ? 0 : 100 * (plus / range);
    const minusDi = range === 0 ? 0 : 100 * (minus / range);
    const valid = range !== 0 && plusDi + minusDi !== 0;
    const dx = valid ? (100 * Math.abs(minusDi - plusDi)) / (minusDi + plusDi) : t === n ? 0 : previousDx;
    out.plusDi[t] = plusDi;
    out.minusDi[t] = minusDi;
    out.dx[t] = dx;
    previousDx = dx;
    if (t < 2 * n - 1) dxSum += valid ? dx : 0;
    else if (t === 2 * n - 1) average = (dxSum + (valid ? dx : 0)) / n;
    else if (valid) average = (average * (n - 1) + dx) / n;
    if (t >= 2 * n - 1) out.adx[t] = average;
  }
  return out;
}

const KEYS = ['adx', 'plusDi', 'minusDi', 'dx'] as const;

describe('adx (with +DI, -DI and DX)', () => {
  it('works a small case by hand', () => {
    // n = 2. Bar 1: up 1, down -1 -> +DM 1; TR max(2, 2, 0) = 2. Sums after bar 1: +DM 1, -DM 0, TR 2.
    // Bar 2: up -2, down 3 -> -DM 3; TR = max(11 - 8, |12 - 11|, |12 - 8|) = 4.
    //   Wilder: +DM 1 - 0.5 = 0.5; -DM 0 + 3 = 3; TR 2 - 1 + 4 = 5. +DI = 10, -DI = 60, DX = 100 * 50 / 70.
    const high = Float64Array.from([12, 13, 11]);
    const low = Float64Array.from([10, 11, 8]);
    const close = Float64Array.from([11, 12, 9.5]);
    const result = adx(high, low, close, 2);
    expect(result.plusDi[2]).toBeCloseTo(10, 12);
    expect(result.minusDi[2]).toBeCloseTo(60, 12);
    expect(result.dx[2]).toBeCloseTo(500 / 7, 12);
    expect(Number.isNaN(result.adx[2]!)).toBe(true);
    expect(Number.isNaN(result.plusDi[1]!)).toBe(true);
  });

  it("equals TA-Lib's loops on random bars", () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 20 }), ({ high, low, close }, period) => {
        const ours = adx(high, low, close, period);
        const expected = naiveAdx(high, low, close, period);
        for (const key of KEYS) expectSeriesClose(ours[key], expected[key], 1e-9, { floor: 1, label: key });
      }),
    );
  });

  it("has TA-Lib's lookbacks and reproduces its published DI values once rounded like Wilder's", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_adx.c: +DI / -DI / DX from bar 14, ADX from bar 27. The table's
    // figures are whole numbers from Wilder's integer-rounded worksheet: they match Math.round of these DIs, and
    // the DX of the rounded DIs on the first bar (100 * |30 - 20| / 50 = 20).
    const result = adx(H, L, C, 14);
    expect(
      Number.isNaN(result.plusDi[13]!) && Number.isNaN(result.dx[13]!) && Number.isNaN(result.adx[26]!),
    ).toBe(true);
    expect([14, 27, 28, 251].map((t) => Math.round(result.plusDi[t]!))).toEqual([20, 22, 20, 21]);
    expect([14, 28, 251].map((t) => Math.round(result.minusDi[t]!))).toEqual([30, 25, 21]);
    expect(result.dx[14]).toBeCloseTo(19.3689, 4);
    expect(result.adx[27]).toBeCloseTo(22.9993, 4);
  });

  it('agrees with trading-signals and technicalindicators to 1e-9 once their Wilder seeds fade', () => {
    const close = longSeries(3000);
    const high = close.map((value, t) => value * (1 + 0.004 * ((t * 7) % 5)));
    const low = close.map((value, t) => value * (1 - 0.004 * ((t * 3) % 4)));
    for (const period of [5, 14]) {
      const ours = adx(high, low, close, period);
      const bars = barObjects({ ts: close, open: close, high, low, close, volume: close });
      const signals = new ADX(period);
      const dx = new DX(period);
      const from = 80 * period;
      bars.forEach((bar, t) => {
        signals.add(bar);
        dx.add(bar);
        if (t < from) return;
        expect(Math.abs(ours.adx[t]! - signals.getResultOrThrow())).toBeLessThan(1e-9 * 100);
        expect(Math.abs(ours.plusDi[t]! - 100 * signals.pdi!)).toBeLessThan(1e-9 * 100);
        expect(Math.abs(ours.minusDi[t]! - 100 * signals.mdi!)).toBeLessThan(1e-9 * 100);
        expect(Math.abs(ours.dx[t]! - dx.getResultOrThrow())).toBeLessThan(1e-9 * 100);
      });
      const other = ti.ADX.calculate({
        high: Array.from(high),
        low: Array.from(low),
        close: Array.from(close),
        period,
      });
      const offset = close.length - other.length;
      for (let t = from; t < close.length; t++) {
        expect(Math.abs(ours.adx[t]! - other[t - offset]!.adx)).toBeLessThan(1e-9 * 100);
        expect(Math.abs(ours.plusDi[t]! - other[t - offset]!.pdi)).toBeLessThan(1e-9 * 100);
      }
    }
  });

  it('handles flat bars as TA-Lib: DI 0, DX 0 on the first bar then repeated, ADX left unchanged', () => {
    const size = 12;
    const high = new Float64Array(size).fill(5);
    const low = new Float64Array(size).fill(5);
    const close = new Float64Array(size).fill(5);
    high[9] = 6;
    const result = adx(high, low, close, 3);
    expect([result.plusDi[3], result.minusDi[3], result.dx[3], result.dx[4]]).toEqual([0, 0, 0, 0]);
    expect(result.adx[5]).toBe(0);
    // Bar 9 moves up: +DI 100, DX 100, ADX (0 * 2 + 100) / 3; bar 10 falls back: a -DM of 1 against +DM.
    expect(result.dx[9]).toBe(100);
    expect(result.adx[9]).toBeCloseTo(100 / 3, 12);
    // Inside bars with a constant range: TR > 0 but no directional movement, so both DI are 0 and DX is undefined.
    const still = adx(
      new Float64Array(8).fill(6),
      new Float64Array(8).fill(4),
      new Float64Array(8).fill(5),
      2,
    );
    expect([still.plusDi[2], still.minusDi[2], still.dx[2], still.dx[7], still.adx[3], still.adx[7]]).toEqual(
      [0, 0, 0, 0, 0, 0],
    );
  });

  it('streams exactly the batch values (all four), NaN gaps included', () => {
    fc.assert(
      fc.property(randomBars, fc.integer({ min: 2, max: 20 }), fc.nat(), (bars, period, hole) => {
        const high = Float64Array.from(bars.high);
        if (hole % 3 === 0) high[hole % high.length] = Number.NaN;
        const stream = new AdxStream(period);
        const outputs = barObjects({ ...bars, high }).map((bar) => {
          const output = stream.update(bar);
          return output === null ? null : { ...output };
        });
        const batch = adx(high, bars.low, bars.close, period);
        for (const key of KEYS)
          expectSameSeries(
            outputs.map((output) => (output === null ? null : output[key])),
            batch[key],
            key,
          );
      }),
    );
  });

  it("writes into the caller's columns; checks them, the columns' lengths and the period", () => {
    const close = longSeries(40);
    const out = { adx: new Float64Array(40) };
    expect(adx(close, close, close, 3, out).adx).toBe(out.adx);
    expect(() => adx(close, close, close, 1)).toThrow(
      'adx period "1" must be an integer between 2 and 1000000',
    );
    expect(() => adx(close, close, close, 3, { dx: new Float64Array(2) })).toThrow(InvalidInputError);
    expect(() => adx(close, close.subarray(1), close, 3)).toThrow(
      'adx input columns must have the same length',
    );
    expect(
      Array.from(adx(close.subarray(0, 3), close.subarray(0, 3), close.subarray(0, 3), 3).plusDi).every(
        Number.isNaN,
      ),
    ).toBe(true);
    expect(adx(new Float64Array(0), new Float64Array(0), new Float64Array(0)).adx.length).toBe(0);
  });

  it('reports readiness (from bar n, ADX NaN until 2n - 1), its latest values (one reused object), and resets', () => {
    const stream = new AdxStream(2);
    const bar = (high: number, low: number) => ({ open: low, high, low, close: (high + low) / 2, volume: 0 });
    expect(stream.update(bar(12, 10))).toBeNull();
    expect(stream.update(bar(13, 11))).toBeNull();
    expect(stream.isReady).toBe(false);
    expect(stream.value).toBeNull();
    const first = stream.update(bar(11, 8));
    expect(first).not.toBeNull();
    expect(Number.isNaN(first!.adx)).toBe(true);
    expect(stream.isReady).toBe(true);
    expect(stream.update(bar(12, 9))).toBe(first);
    expect(Number.isNaN(first!.adx)).toBe(false);
    expect(stream.value).toBe(first);
    stream.reset();
    expect(stream.value).toBeNull();
    expect(stream.update(bar(12, 10))).toBeNull();
  });
});
