import { describe, expect, it } from 'vitest';
import { meanReversionConfigSchema } from './config.js';
import { RegimeGate } from './regime-gate.js';

const gate = (params: Record<string, unknown>) =>
  new RegimeGate(meanReversionConfigSchema.parse({ symbol: 'SPY', ...params }));

const bar = (close: number, high = close + 1, low = close - 1) => ({
  open: close,
  high,
  low,
  close,
  volume: 1,
});

describe('mean-reversion regime filter', () => {
  it('adx: a staircase of higher highs and lows reads as trending, a flat range does not', () => {
    // Every bar: up move 1, down move −1 -> +DM 1, −DM 0, so +DI > 0, −DI = 0, DX = 100 and ADX = 100.
    const trending = gate({ regimeFilter: 'adx', adxPeriod: 3 });
    for (let i = 0; i < 10; i++) trending.update(bar(100 + i));
    expect(trending.trending(Number.NaN)).toBe(true);
    // The same high and low every bar: no directional movement, DX = 0 and ADX = 0 <= 25.
    const flat = gate({ regimeFilter: 'adx', adxPeriod: 3 });
    for (let i = 0; i < 10; i++) flat.update(bar(100));
    expect(flat.trending(Number.NaN)).toBe(false);
  });

  it('adx: counts as trending until ADX exists (2n − 1 bars)', () => {
    const warming = gate({ regimeFilter: 'adx', adxPeriod: 3 });
    for (let i = 0; i < 5; i++) warming.update(bar(100));
    expect(warming.trending(Number.NaN)).toBe(true); // ADX(3) first at index 5
    warming.update(bar(100));
    expect(warming.trending(Number.NaN)).toBe(false);
  });

  it('slope: |slope| / close × 100 against the threshold', () => {
    // Closes 100..104 rise 1 a bar: slope 1, at the close 104 that is 100/104 = 0.96% per bar.
    const steep = gate({ regimeFilter: 'slope', slopeWindow: 5, slopeThreshold: 0.5 });
    [100, 101, 102, 103, 104].forEach((c) => steep.update(bar(c)));
    expect(steep.trending(Number.NaN)).toBe(true);
    const lenient = gate({ regimeFilter: 'slope', slopeWindow: 5, slopeThreshold: 1 });
    [100, 101, 102, 103, 104].forEach((c) => lenient.update(bar(c)));
    expect(lenient.trending(Number.NaN)).toBe(false);
    const falling = gate({ regimeFilter: 'slope', slopeWindow: 5, slopeThreshold: 0.5 });
    [104, 103, 102, 101].forEach((c) => falling.update(bar(c)));
    expect(falling.trending(Number.NaN)).toBe(true); // still warming up (4 of 5 closes)
    falling.update(bar(100));
    expect(falling.trending(Number.NaN)).toBe(true); // slope −1 at 100: 1% per bar, a downtrend counts too
  });

  it('hurst: trending above the threshold or when unknown (NaN)', () => {
    const hurst = gate({ regimeFilter: 'hurst', hurstThreshold: 0.55 });
    expect(hurst.trending(0.6)).toBe(true);
    expect(hurst.trending(0.4)).toBe(false);
    expect(hurst.trending(Number.NaN)).toBe(true);
  });

  it('none: never stands aside', () => {
    const none = gate({ regimeFilter: 'none' });
    none.update(bar(100));
    expect(none.trending(0.99)).toBe(false);
  });
});
