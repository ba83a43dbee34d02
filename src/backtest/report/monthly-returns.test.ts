import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMonthlyReturns } from './monthly-returns.js';

const day = (year: number, month: number, d: number): number => Date.UTC(year, month - 1, d);

function curve(points: readonly (readonly [number, number])[]): [Float64Array, Float64Array] {
  return [Float64Array.from(points.map((p) => p[0])), Float64Array.from(points.map((p) => p[1]))];
}

describe('computeMonthlyReturns', () => {
  it('measures partial first and last months and splits returns at the year boundary', () => {
    // Curve starts mid-December 2019 and ends mid-February 2020.
    const [ts, equity] = curve([
      [day(2019, 12, 16), 100],
      [day(2019, 12, 31), 110], // Dec 2019: 110 / 100 - 1 = +10%
      [day(2020, 1, 2), 99],
      [day(2020, 1, 31), 121], // Jan 2020: 121 / 110 - 1 = +10%
      [day(2020, 2, 3), 127.05],
      [day(2020, 2, 14), 108.9], // Feb 2020 (partial): 108.9 / 121 - 1 = -10%
    ]);
    const table = computeMonthlyReturns(ts, equity);
    expect(table.firstYear).toBe(2019);
    expect(table.years).toBe(2);
    expect(table.monthly.length).toBe(24);
    expect(table.monthly[11]).toBeCloseTo(0.1, 12); // Dec 2019
    expect(table.monthly[12]).toBeCloseTo(0.1, 12); // Jan 2020
    expect(table.monthly[13]).toBeCloseTo(-0.1, 12); // Feb 2020
    for (const m of [0, 1, 2, 10, 14, 15, 23]) expect(table.monthly[m]).toBeNaN();
    expect(table.yearly[0]).toBeCloseTo(0.1, 12); // 2019: 110 / 100 - 1
    expect(table.yearly[1]).toBeCloseTo(108.9 / 110 - 1, 12); // 2020: (1.1)(0.9) - 1 = -1%
    expect(table.yearly[1]).toBeCloseTo(-0.01, 12);
  });

  it('leaves a month without bars empty and measures the next one across the gap', () => {
    const [ts, equity] = curve([
      [day(2021, 1, 4), 200],
      [day(2021, 1, 29), 210], // Jan: +5%
      [day(2021, 3, 1), 189], // no February bar; March: 189 / 210 - 1 = -10%
      [day(2021, 3, 31), 231], // March: 231 / 210 - 1 = +10%
    ]);
    const table = computeMonthlyReturns(ts, equity);
    expect(table.years).toBe(1);
    expect(table.monthly[0]).toBeCloseTo(0.05, 12);
    expect(table.monthly[1]).toBeNaN();
    expect(table.monthly[2]).toBeCloseTo(0.1, 12);
    expect(table.yearly[0]).toBeCloseTo(231 / 200 - 1, 12);
  });

  it('keeps an empty year row when the curve skips a whole calendar year', () => {
    const [ts, equity] = curve([
      [day(2018, 6, 1), 100],
      [day(2020, 6, 1), 150],
    ]);
    const table = computeMonthlyReturns(ts, equity);
    expect(table.years).toBe(3);
    expect(table.monthly[5]).toBe(0); // June 2018: the only point is its own base
    expect(Array.from(table.yearly.slice(1, 2))).toEqual([Number.NaN]);
    expect(table.monthly[2 * 12 + 5]).toBeCloseTo(0.5, 12);
    expect(table.yearly[2]).toBeCloseTo(0.5, 12);
  });

  it('groups intraday points by their UTC month', () => {
    const [ts, equity] = curve([
      [Date.UTC(2022, 0, 31, 23, 59), 100],
      [Date.UTC(2022, 1, 1, 0, 0), 90], // first minute of February
    ]);
    const table = computeMonthlyReturns(ts, equity);
    expect(table.monthly[0]).toBe(0);
    expect(table.monthly[1]).toBeCloseTo(-0.1, 12);
  });

  it('returns an empty table for an empty curve', () => {
    const table = computeMonthlyReturns(new Float64Array(0), new Float64Array(0));
    expect(table).toEqual({
      firstYear: 0,
      years: 0,
      monthly: new Float64Array(0),
      yearly: new Float64Array(0),
    });
  });

  it('refuses mismatched lengths and timestamps that go backwards', () => {
    expect(() => computeMonthlyReturns(new Float64Array(2), new Float64Array(3))).toThrow(
      'equity length "3" must equal ts length "2"',
    );
    const [ts, equity] = curve([
      [day(2020, 2, 1), 1],
      [day(2020, 1, 1), 1],
    ]);
    expect(() => computeMonthlyReturns(ts, equity)).toThrow(/ts\[1\] "1577836800000" must be finite/);
    expect(() => computeMonthlyReturns(Float64Array.of(Number.NaN), Float64Array.of(1))).toThrow(/ts\[0\]/);
  });

  it('compounds months into years and years into the total return (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.double({ min: 0.5, max: 2, noNaN: true })),
          {
            minLength: 1,
            maxLength: 400,
          },
        ),
        (steps) => {
          const ts = new Float64Array(steps.length);
          const equity = new Float64Array(steps.length);
          let t = Date.UTC(2019, 10, 20);
          let e = 1000;
          steps.forEach(([dt, growth], i) => {
            t += dt;
            e *= growth;
            ts[i] = t;
            equity[i] = e;
          });
          const table = computeMonthlyReturns(ts, equity);
          let total = 1;
          for (let y = 0; y < table.years; y++) {
            let compounded = 1;
            for (let m = 0; m < 12; m++) {
              const r = table.monthly[y * 12 + m] as number;
              if (!Number.isNaN(r)) compounded *= 1 + r;
            }
            const yearly = table.yearly[y] as number;
            if (Number.isNaN(yearly)) expect(compounded).toBe(1);
            else {
              expect(compounded - 1).toBeCloseTo(yearly, 9);
              total *= 1 + yearly;
            }
          }
          expect(total).toBeCloseTo((equity[equity.length - 1] as number) / (equity[0] as number), 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
