import fc from 'fast-check';
import ti from 'technicalindicators';
import { IchimokuCloud } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { IchimokuStream, ichimoku } from './ichimoku.js';
import { barObjects, expectSameSeries, randomBars } from './random-bars.fixture.js';
import { TALIB_DAILY_HIGH, TALIB_DAILY_LOW } from './talib-daily-reference.fixture.js';

const H = TALIB_DAILY_HIGH;
const L = TALIB_DAILY_LOW;

function midpoint(t: number, period: number): number {
  return (
    (Math.max(...H.subarray(t - period + 1, t + 1)) + Math.min(...L.subarray(t - period + 1, t + 1))) / 2
  );
}

const LINES = ['tenkanSen', 'kijunSen', 'senkouSpanA', 'senkouSpanB', 'cloudSpanA', 'cloudSpanB'] as const;

describe('ichimoku', () => {
  it('works a small case by hand, with the cloud drawn `displacement` bars after its spans', () => {
    // tenkan 2, kijun 3, senkou B 4, displacement 2. Bar 3: tenkan (bars 2-3) (14 + 11) / 2 = 12.5; kijun
    // (bars 1-3) (14 + 9) / 2 = 11.5; span A (12.5 + 11.5) / 2 = 12; span B (bars 0-3) (14 + 8) / 2 = 11.
    // The cloud at bar 5 is drawn from bar 3: A 12, B 11.
    const high = Float64Array.from([10, 12, 14, 13, 15, 11]);
    const low = Float64Array.from([8, 9, 11, 12, 10, 9]);
    const result = ichimoku(high, low, 2, 3, 4, 2);
    expect(result.displacement).toBe(2);
    expect(Array.from(result.tenkanSen)).toEqual([NaN, 10, 11.5, 12.5, 12.5, 12]);
    expect(Array.from(result.kijunSen)).toEqual([NaN, NaN, 11, 11.5, 12.5, 12]);
    expect(Array.from(result.senkouSpanA)).toEqual([NaN, NaN, 11.25, 12, 12.5, 12]);
    expect(Array.from(result.senkouSpanB)).toEqual([NaN, NaN, NaN, 11, 12, 12]);
    expect(Array.from(result.cloudSpanA)).toEqual([NaN, NaN, NaN, NaN, 11.25, 12]);
    expect(Array.from(result.cloudSpanB)).toEqual([NaN, NaN, NaN, NaN, NaN, 11]);
  });

  it('equals the rescanned midpoints on TA-Lib reference data (defaults 9, 26, 52, 26)', () => {
    const result = ichimoku(H, L);
    for (let t = 0; t < H.length; t++) {
      expect(result.tenkanSen[t]).toEqual(t >= 8 ? midpoint(t, 9) : NaN);
      expect(result.kijunSen[t]).toEqual(t >= 25 ? midpoint(t, 26) : NaN);
      expect(result.senkouSpanA[t]).toEqual(t >= 25 ? (midpoint(t, 9) + midpoint(t, 26)) / 2 : NaN);
      expect(result.senkouSpanB[t]).toEqual(t >= 51 ? midpoint(t, 52) : NaN);
      expect(result.cloudSpanA[t]).toEqual(t >= 51 ? result.senkouSpanA[t - 26] : NaN);
      expect(result.cloudSpanB[t]).toEqual(t >= 77 ? result.senkouSpanB[t - 26] : NaN);
    }
  });

  it('equals the unshifted lines of technicalindicators and trading-signals IchimokuCloud', () => {
    const result = ichimoku(H, L);
    // Both start when all lines exist (bar 51) and return the spans unshifted.
    const other = ti.IchimokuCloud.calculate({
      high: Array.from(H),
      low: Array.from(L),
      conversionPeriod: 9,
      basePeriod: 26,
      spanPeriod: 52,
      displacement: 26,
    });
    expect(other.length).toBe(H.length - 51);
    other.forEach((value, j) => {
      const t = j + 51;
      expect([result.tenkanSen[t], result.kijunSen[t], result.senkouSpanA[t], result.senkouSpanB[t]]).toEqual(
        [value.conversion, value.base, value.spanA, value.spanB],
      );
    });
    const reference = new IchimokuCloud({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 });
    for (let t = 0; t < H.length; t++) {
      const value = reference.update({ high: H[t]!, low: L[t]! }, false);
      if (value === null) continue;
      expect([result.tenkanSen[t], result.kijunSen[t], result.senkouSpanA[t], result.senkouSpanB[t]]).toEqual(
        [value.conversion, value.base, value.spanA, value.spanB],
      );
    }
  });

  it('uses no data after t at index t: truncating the input leaves every earlier value unchanged', () => {
    const full = ichimoku(H, L);
    const head = ichimoku(H.subarray(0, 120), L.subarray(0, 120));
    for (const line of LINES) expect(Array.from(head[line])).toEqual(Array.from(full[line].subarray(0, 120)));
  });

  it('streams exactly the batch values on random series (displacement 0 included)', () => {
    fc.assert(
      fc.property(
        randomBars,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (bars, tenkan, kijun, senkouB, displacement) => {
          const batch = ichimoku(bars.high, bars.low, tenkan, kijun, senkouB, displacement);
          const stream = new IchimokuStream(tenkan, kijun, senkouB, displacement);
          const ready = Math.max(tenkan, kijun, senkouB) - 1;
          const streamed = barObjects(bars).map((bar) => {
            const value = stream.update(bar);
            return value === null ? null : { ...value };
          });
          for (const line of LINES) {
            // The stream stays null until every unshifted line is valid; the batch columns warm up one by one.
            const column = batch[line].map((v, t) => (t < ready ? Number.NaN : v));
            expectSameSeries(
              streamed.map((value) => (value === null ? null : value[line])),
              column,
              line,
            );
          }
          if (displacement === 0) expect(Array.from(batch.cloudSpanB)).toEqual(Array.from(batch.senkouSpanB));
          stream.reset();
          expect(stream.isReady).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses bad periods or displacement and reuses output columns', () => {
    expect(() => ichimoku(H, L, 0)).toThrow(/ichimoku tenkanPeriod "0"/);
    expect(() => ichimoku(H, L, 9, 26, 52, -1)).toThrow(/ichimoku displacement "-1"/);
    expect(() => new IchimokuStream(9, 2.5)).toThrow(/ichimoku kijunPeriod "2.5"/);
    const column = (): Float64Array => new Float64Array(H.length);
    const out = {
      tenkanSen: column(),
      kijunSen: column(),
      senkouSpanA: column(),
      senkouSpanB: column(),
      cloudSpanA: column(),
      cloudSpanB: column(),
    };
    expect(ichimoku(H, L, 9, 26, 52, 26, out).cloudSpanB).toBe(out.cloudSpanB);
  });
});
