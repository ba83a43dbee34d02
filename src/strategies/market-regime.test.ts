import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { BarSeries } from '../data/bar-series.js';
import { measurePairRegime, measureSymbolRegime } from './market-regime.js';

const DAY = 86_400_000;

function fromCloses(symbol: string, closes: Float64Array): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1d',
    Array.from(closes, (c, i) => ({
      tsEvent: i * DAY,
      open: i === 0 ? c : (closes[i - 1] as number),
      high: Math.max(c, i === 0 ? c : (closes[i - 1] as number)) * 1.002,
      low: Math.min(c, i === 0 ? c : (closes[i - 1] as number)) * 0.998,
      close: c,
      volume: 1000,
    })),
  );
}

function path(
  n: number,
  seed: number,
  step: (rng: SeededRng, previous: number, i: number) => number,
  start = 100,
): Float64Array {
  const rng = new SeededRng(seed);
  const out = new Float64Array(n);
  out[0] = start;
  for (let i = 1; i < n; i++) out[i] = step(rng, out[i - 1] as number, i);
  return out;
}

describe('market regime facts', () => {
  it('sees a steady trend as trending: high ADX and a large positive return', () => {
    const trend = fromCloses(
      'UP',
      path(300, 1, (rng, p) => p * (1.004 + 0.002 * rng.normal())),
    );
    const facts = measureSymbolRegime(trend, 252, 252);
    expect(facts.bars).toBe(252);
    expect(facts.adx).toBeGreaterThan(30);
    expect(facts.windowReturn).toBeGreaterThan(0.5);
  });

  it('sees an Ornstein-Uhlenbeck price as mean-reverting with about its half-life', () => {
    // log p_t = 0.9 log p_{t-1} + noise around log 100: half-life ln 2 / −ln 0.9 ≈ 6.6 bars.
    const mu = Math.log(100);
    const ou = path(600, 2, (rng, p) => Math.exp(mu + 0.9 * (Math.log(p) - mu) + 0.01 * rng.normal()));
    const facts = measureSymbolRegime(fromCloses('OU', ou), 600, 252);
    expect(facts.halfLife).toBeGreaterThan(4);
    expect(facts.halfLife).toBeLessThan(10);
    expect(facts.hurst).toBeLessThan(0.5);
    // sd of log returns of this AR(1): sqrt(2 σ² / (1 + φ)) = 0.01 × sqrt(2 / 1.9) ≈ 0.01026 per bar.
    expect(facts.annualizedVolatility).toBeCloseTo(0.01026 * Math.sqrt(252), 1);
  });

  it('finds a constructed cointegrated pair and its hedge ratio, and refuses too little data', () => {
    const x = path(400, 3, (rng, p) => p * Math.exp(0.01 * rng.normal()));
    const noise = path(400, 4, (rng, s) => 0.8 * s + 0.005 * rng.normal(), 0);
    const y = Float64Array.from(x, (v, i) => Math.exp(1.5 * Math.log(v) + (noise[i] as number) - 2));
    const pair = measurePairRegime(fromCloses('Y', y), fromCloses('X', x), 400);
    expect(pair.pValue).toBeLessThan(0.01);
    expect(pair.hedgeRatio).toBeCloseTo(1.5, 1);
    expect(pair.halfLife).toBeLessThan(10);
    expect(() => measureSymbolRegime(fromCloses('S', x.subarray(0, 30)), 252, 252)).toThrow(
      /at least 60 bars/,
    );
  });
});
