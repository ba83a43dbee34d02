import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarSeries } from '../data/bar-series.js';
import type { Timeframe } from '../model/timeframe.js';
import { DataEngine } from './data-engine.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function series(symbol: string, timeframe: Timeframe, ts: number[]): BarSeries {
  return BarSeries.fromBars(
    symbol,
    timeframe,
    ts.map((t, i) => ({
      tsEvent: t,
      open: i + 1,
      high: i + 2,
      low: i,
      close: i + 1.5,
      volume: 10 * (i + 1),
    })),
  );
}

function replay(engine: DataEngine): string[] {
  const seen: string[] = [];
  while (engine.next()) seen.push(`${engine.view.symbol}@${engine.view.tsClose}`);
  return seen;
}

describe('DataEngine', () => {
  it('delivers bars of several symbols in completion-time order, ties in series order', () => {
    const engine = new DataEngine([series('A', '1d', [0, DAY, 2 * DAY]), series('B', '1d', [DAY, 2 * DAY])]);
    expect(replay(engine)).toEqual([
      `A@${DAY}`,
      `A@${2 * DAY}`,
      `B@${2 * DAY}`,
      `A@${3 * DAY}`,
      `B@${3 * DAY}`,
    ]);
  });

  it('delivers a daily bar only after every hourly bar of its day', () => {
    const hours = Array.from({ length: 24 }, (_, h) => h * HOUR);
    const engine = new DataEngine([series('D', '1d', [0]), series('H', '1h', hours)]);
    const seen = replay(engine);
    expect(seen.at(-1)).toBe(`D@${DAY}`);
    expect(seen.indexOf(`D@${DAY}`)).toBe(24);
  });

  it('fills the reused view with the bar fields and indices', () => {
    const engine = new DataEngine([series('A', '1d', [0, DAY])]);
    const view = engine.view;
    expect(engine.next()).toBe(true);
    engine.next();
    expect(engine.view).toBe(view);
    expect(view).toMatchObject({
      symbol: 'A',
      tsEvent: DAY,
      open: 2,
      high: 3,
      low: 1,
      close: 2.5,
      volume: 20,
      barIndex: 1,
    });
    expect(engine.next()).toBe(false);
    expect(engine.done).toBe(true);
    engine.reset();
    expect(engine.next()).toBe(true);
    expect(view.barIndex).toBe(0);
  });

  it('merges any set of sorted series into one non-decreasing stream containing every bar once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 40 }), { maxLength: 8 }),
        (lists) => {
          const all = lists.map((ts, i) =>
            series(
              `S${i}`,
              '1h',
              [...ts].sort((a, b) => a - b).map((t) => t * HOUR),
            ),
          );
          const engine = new DataEngine(all);
          let last = -Infinity;
          let count = 0;
          const perSeries = new Array<number>(all.length).fill(0);
          while (engine.next()) {
            expect(engine.view.tsClose).toBeGreaterThanOrEqual(last);
            last = engine.view.tsClose;
            expect(engine.view.barIndex).toBe(perSeries[engine.view.seriesIndex]);
            perSeries[engine.view.seriesIndex] = (perSeries[engine.view.seriesIndex] ?? 0) + 1;
            count++;
          }
          expect(count).toBe(all.reduce((sum, s) => sum + s.length, 0));
          expect(engine.length).toBe(count);
        },
      ),
    );
  });

  it('orders mixed timeframes exactly as a sort by (completion time, timeframe, series index)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            daily: fc.boolean(),
            ts: fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }),
          }),
          { maxLength: 7 },
        ),
        (specs) => {
          const all = specs.map((spec, i) => {
            const unit = spec.daily ? DAY : HOUR;
            return series(
              `S${i}`,
              spec.daily ? '1d' : '1h',
              [...spec.ts].sort((a, b) => a - b).map((t) => t * unit),
            );
          });
          const expected = all
            .flatMap((s, i) => {
              const duration = s.timeframe === '1d' ? DAY : HOUR;
              return Array.from(s.ts, (t, j) => ({ close: t + duration, duration, i, j }));
            })
            .sort((a, b) => a.close - b.close || a.duration - b.duration || a.i - b.i || a.j - b.j)
            .map((e) => `${e.i}:${e.j}`);
          const engine = new DataEngine(all);
          const actual: string[] = [];
          while (engine.next()) actual.push(`${engine.view.seriesIndex}:${engine.view.barIndex}`);
          expect(actual).toEqual(expected);
        },
      ),
    );
  });
});
