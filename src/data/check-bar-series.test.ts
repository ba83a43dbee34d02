import { describe, expect, it } from 'vitest';
import { BarSeries } from './bar-series.js';
import { findBarSeriesProblem } from './check-bar-series.js';

function series(rows: readonly (readonly number[])[]): BarSeries {
  const s = BarSeries.allocate('X', '1d', rows.length);
  rows.forEach(([ts, o, h, l, c, v], i) => {
    s.ts[i] = ts as number;
    s.open[i] = o as number;
    s.high[i] = h as number;
    s.low[i] = l as number;
    s.close[i] = c as number;
    s.volume[i] = v as number;
  });
  return s;
}

describe('findBarSeriesProblem', () => {
  it('accepts sound bars, including an empty series and a flat bar', () => {
    expect(findBarSeriesProblem(series([]))).toBeNull();
    expect(
      findBarSeriesProblem(
        series([
          [1, 10, 11, 9, 10.5, 100],
          [2, 10, 10, 10, 10, 0],
        ]),
      ),
    ).toBeNull();
  });

  it('names the first bar whose timestamp does not increase', () => {
    expect(
      findBarSeriesProblem(
        series([
          [5, 10, 11, 9, 10, 1],
          [5, 10, 11, 9, 10, 1],
        ]),
      ),
    ).toMatch(/bar 1 of X 1d \(ts 5\): timestamps must be finite and strictly increasing, previous ts 5/);
    expect(findBarSeriesProblem(series([[Number.NaN, 10, 11, 9, 10, 1]]))).toMatch(/timestamps/);
  });

  it('refuses a high below the close, a low above the open, a zero low and NaN prices', () => {
    expect(findBarSeriesProblem(series([[1, 10, 10.5, 9, 11, 1]]))).toMatch(/high "10.5" low "9" close "11"/);
    expect(findBarSeriesProblem(series([[1, 10, 12, 10.5, 11, 1]]))).toMatch(/0 < low <= open/);
    expect(findBarSeriesProblem(series([[1, 0, 1, 0, 0.5, 1]]))).toMatch(/low "0"/);
    expect(findBarSeriesProblem(series([[1, Number.NaN, 12, 9, 11, 1]]))).toMatch(/open "NaN"/);
    expect(findBarSeriesProblem(series([[1, 10, Number.POSITIVE_INFINITY, 9, 11, 1]]))).toMatch(/Infinity/);
  });

  it('refuses a negative or NaN volume', () => {
    expect(findBarSeriesProblem(series([[1, 10, 11, 9, 10, -1]]))).toMatch(
      /volume "-1" must be a finite number >= 0/,
    );
    expect(findBarSeriesProblem(series([[1, 10, 11, 9, 10, Number.NaN]]))).toMatch(/volume "NaN"/);
  });
});
