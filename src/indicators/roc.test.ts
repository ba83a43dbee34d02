import fc from 'fast-check';
import ti from 'technicalindicators';
import { MOM, ROC } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { expectPublished, expectSameSeries } from './random-bars.fixture.js';
import { MomentumStream, RocStream, momentum, roc } from './roc.js';
import {
  alignEnd,
  expectSeriesClose,
  longSeries,
  randomSeriesWithGaps,
  streamAll,
} from './series-checks.fixture.js';
import { TALIB_DAILY_CLOSE } from './talib-daily-reference.fixture.js';

const C = TALIB_DAILY_CLOSE;

describe('roc and momentum', () => {
  it('work a small case by hand', () => {
    const values = Float64Array.from([10, 11, 12, 9, 0, 3]);
    expect(Array.from(momentum(values, 2))).toEqual([NaN, NaN, 2, -2, -12, -6]);
    const result = roc(values, 2);
    expect(result[2]).toBeCloseTo(20, 12);
    expect(result[3]).toBeCloseTo((9 / 11 - 1) * 100, 12);
    // A zero base gives 0, as TA-Lib (rather than an infinity).
    expect(roc(values, 1)[5]).toBe(0);
  });

  it("match TA-Lib's published MOM and ROC values on its daily reference data", () => {
    // ta-lib/src/tools/ta_regtest/ta_test_func/test_mom.c: lookback 14.
    const mom = momentum(C, 14);
    expect(Number.isNaN(mom[13]!)).toBe(true);
    for (const [bar, value] of [
      [14, '-0.50'],
      [15, '-2.00'],
      [16, '-5.22'],
      [20, '-4.15'],
      [21, '-5.12'],
      [251, '-1.13'],
    ] as const) {
      expectPublished(mom[bar], value);
    }
    const rate = roc(C, 14);
    for (const [bar, value] of [
      [14, '-0.546'],
      [15, '-2.109'],
      [16, '-5.53'],
      [20, '-4.49'],
      [21, '-5.5256'],
      [251, '-1.0367'],
    ] as const) {
      expectPublished(rate[bar], value);
    }
  });

  it('agree with technicalindicators (percent) and trading-signals (fraction) to 1e-12', () => {
    const values = longSeries(2000);
    for (const period of [1, 10, 30]) {
      const rate = roc(values, period);
      expectSeriesClose(
        rate,
        alignEnd(ti.ROC.calculate({ period, values: Array.from(values) }), values.length),
        1e-12,
        { floor: 1 },
      );
      const signals = new ROC(period);
      const fraction = Float64Array.from(values, (value) => signals.add(value) ?? Number.NaN);
      expectSeriesClose(
        rate,
        fraction.map((value) => value * 100),
        1e-12,
        { floor: 1 },
      );
      const mom = new MOM(period);
      expectSeriesClose(
        momentum(values, period),
        Float64Array.from(values, (value) => mom.add(value) ?? Number.NaN),
        0,
      );
    }
  });

  it('stream exactly the batch values, NaN gaps included', () => {
    fc.assert(
      fc.property(randomSeriesWithGaps, fc.integer({ min: 1, max: 30 }), (values, period) => {
        const rate = new RocStream(period);
        const mom = new MomentumStream(period);
        expectSameSeries(
          streamAll((value) => rate.update(value), values),
          roc(values, period),
          'roc',
        );
        expectSameSeries(
          streamAll((value) => mom.update(value), values),
          momentum(values, period),
          'momentum',
        );
      }),
    );
  });

  it('check the period and the output column; report readiness and reset', () => {
    expect(() => roc(C, 0)).toThrow('roc period "0" must be an integer between 1 and 1000000');
    expect(() => momentum(C, 1.5)).toThrow('momentum period "1.5" must be an integer between 1 and 1000000');
    expect(() => roc(C, 2, new Float64Array(1))).toThrow(InvalidInputError);
    expect(Array.from(momentum(Float64Array.from([1, 2]), 2))).toEqual([NaN, NaN]);
    for (const stream of [new RocStream(1), new MomentumStream(1)]) {
      expect(stream.update(2)).toBeNull();
      expect(stream.isReady).toBe(false);
      expect(stream.update(3)).not.toBeNull();
      expect(stream.isReady).toBe(true);
      stream.reset();
      expect(stream.update(2)).toBeNull();
    }
  });
});
