import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRng } from '../../core/rng.js';
import { roundToTick } from '../../model/instrument.js';
import { buildBarClock } from './bar-clock.js';
import { buildBars, tickRounder } from './bar-builder.js';
import { DEFAULT_BAR_SHAPE } from './market-defaults.js';
import type { PricePath } from './symbol-path.js';

function randomWalk(rng: SeededRng, n: number, start: number, volatility: number, jumpEvery = 0): PricePath {
  const logClose = new Float64Array(n);
  const barVolatility = new Float64Array(n).fill(volatility);
  let x = Math.log(start);
  for (let t = 0; t < n; t++) {
    x += volatility * rng.normal() + (jumpEvery > 0 && t % jumpEvery === 0 ? 0.5 * (rng.next() - 0.5) : 0);
    logClose[t] = x;
  }
  return { startLogPrice: Math.log(start), logClose, barVolatility };
}

describe('tickRounder', () => {
  it('gives the canonical double of the nearest tick', () => {
    const cents = tickRounder(0.01);
    expect(cents(123.456)).toBe(123.46);
    expect(cents(0.1 + 0.2)).toBe(0.3);
    expect(tickRounder(0.05)(10.03)).toBe(10.05);
    expect(tickRounder(0.3)(1)).toBe(0.9);
    expect(tickRounder(5)(12.4)).toBe(10);
  });

  it('lands on the tick within half a tick of the price', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(0.01, 0.05, 0.25, 1, 0.3, 5),
        (price, tick) => {
          const rounded = tickRounder(tick)(price);
          expect(roundToTick(rounded, tick)).toBe(rounded);
          expect(Math.abs(rounded - price)).toBeLessThanOrEqual(tick / 2 + 1e-9 * Math.max(1, price));
        },
      ),
    );
  });
});

describe('buildBars', () => {
  it('keeps OHLC order on the tick for wild paths, down to prices of a few ticks', () => {
    const clock = buildBarClock(0, 3000, '1d', 0.2);
    for (const [start, volatility] of [
      [0.05, 0.3],
      [100, 0.02],
      [3, 0.15],
    ] as const) {
      const path = randomWalk(new SeededRng(start * 100), 3000, start, volatility, 50);
      const bars = buildBars(new SeededRng(1), 'X', clock, path, 1000, 0.01, DEFAULT_BAR_SHAPE);
      const broken: string[] = [];
      for (let i = 0; i < bars.length; i++) {
        const [o, h, l, c] = [bars.open[i], bars.high[i], bars.low[i], bars.close[i]] as number[] as [
          number,
          number,
          number,
          number,
        ];
        const onTick = [o, h, l, c].every((p) => roundToTick(p, 0.01) === p);
        if (!(l <= Math.min(o, c) && h >= Math.max(o, c) && l >= 0.01 && onTick))
          broken.push(`bar ${i}: ${o} ${h} ${l} ${c}`);
      }
      expect(broken).toEqual([]);
      if (start < 1) expect(Math.min(...bars.low)).toBe(0.01); // the cheap path does reach the one-tick floor
    }
  });

  it('closes each bar at the rounded path price', () => {
    const clock = buildBarClock(0, 50, '1d', 0.2);
    const path = randomWalk(new SeededRng(2), 50, 40, 0.02);
    const bars = buildBars(new SeededRng(3), 'X', clock, path, 1000, 0.01, DEFAULT_BAR_SHAPE);
    expect(Array.from(bars.close)).toEqual(
      Array.from(path.logClose, (x) => Math.round(Math.exp(x) * 100) / 100),
    );
    expect(Array.from(bars.ts)).toEqual(Array.from(clock.ts));
    expect(bars.timeframe).toBe('1d');
  });

  it('opens each minute bar at the previous close inside a session, with a gap only at the session open', () => {
    const clock = buildBarClock(0, 3, '1m', 0.2);
    const n = clock.ts.length;
    const path = randomWalk(new SeededRng(4), n, 50, 0.001);
    const bars = buildBars(new SeededRng(5), 'X', clock, path, 390_000, 0.01, DEFAULT_BAR_SHAPE);
    let gaps = 0;
    for (let i = 1; i < n; i++) {
      if (i % 390 === 0) gaps += bars.open[i] === bars.close[i - 1] ? 0 : 1;
      else expect(bars.open[i]).toBe(bars.close[i - 1]);
    }
    expect(gaps).toBeGreaterThan(0);
  });

  it('draws flat bars for a flat path and volume around the average', () => {
    const clock = buildBarClock(0, 20_000, '1d', 0.2);
    const path: PricePath = {
      startLogPrice: Math.log(25),
      logClose: new Float64Array(20_000).fill(Math.log(25)),
      barVolatility: new Float64Array(20_000),
    };
    const bars = buildBars(new SeededRng(6), 'X', clock, path, 50_000, 0.01, DEFAULT_BAR_SHAPE);
    expect(new Set([...bars.open, ...bars.high, ...bars.low, ...bars.close])).toEqual(new Set([25]));
    const meanVolume = bars.volume.reduce((sum, v) => sum + v, 0) / bars.length;
    expect(meanVolume / 50_000).toBeGreaterThan(0.97);
    expect(meanVolume / 50_000).toBeLessThan(1.03);
  });

  it('spreads high and low by the bar volatility', () => {
    const clock = buildBarClock(0, 5000, '1d', 0);
    const path: PricePath = {
      startLogPrice: 0,
      logClose: new Float64Array(5000),
      barVolatility: new Float64Array(5000).fill(0.02),
    };
    const bars = buildBars(new SeededRng(7), 'X', clock, path, 1000, 0.0001, DEFAULT_BAR_SHAPE);
    // For a Brownian bridge from 0 back to 0 with variance v, E[max] = sqrt(pi v / 8) = 0.0125 here.
    let range = 0;
    for (let i = 0; i < bars.length; i++) range += Math.log(bars.high[i] as number);
    expect(range / bars.length).toBeCloseTo(Math.sqrt((Math.PI * 0.02 ** 2) / 8), 3);
  });
});
