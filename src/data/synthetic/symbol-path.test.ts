import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { buildBarClock } from './bar-clock.js';
import { simulateMarketFactor } from './market-factor.js';
import { DEFAULT_MARKET_FACTOR } from './market-defaults.js';
import type { MarketFactorSpec } from './market-spec.types.js';
import { simulatePairPath, simulateSymbolPath, type PricePath } from './symbol-path.js';

describe('simulatePairPath', () => {
  it('builds log A = alpha + beta log B + u with u following its AR(1) recursion exactly', () => {
    const n = 400;
    const rngB = new SeededRng(1);
    const logB = new Float64Array(n);
    let x = Math.log(50);
    for (let t = 0; t < n; t++) logB[t] = x += 0.01 * rngB.normal();
    const b: PricePath = {
      startLogPrice: Math.log(50),
      logClose: logB,
      barVolatility: new Float64Array(n).fill(0.01),
    };
    const pair = { alpha: 0.3, beta: 1.4, phi: 0.9, spreadVolatility: 0.05 };
    const a = simulatePairPath(new SeededRng(2), pair, b);

    // Replay the same draws: u_-1 = s e_-1, u_t = phi u_{t-1} + s sqrt(1 - phi^2) e_t.
    const replay = new SeededRng(2);
    let u = 0.05 * replay.normal();
    expect(a.startLogPrice).toBeCloseTo(0.3 + 1.4 * Math.log(50) + u, 14);
    for (let t = 0; t < n; t++) {
      u = 0.9 * u + 0.05 * Math.sqrt(1 - 0.81) * replay.normal();
      expect(a.logClose[t]).toBeCloseTo(0.3 + 1.4 * (logB[t] as number) + u, 12);
    }
    expect(a.barVolatility[0]).toBeCloseTo(Math.sqrt(1.4 ** 2 * 0.01 ** 2 + 0.05 ** 2 * 0.19), 15);
  });
});

describe('simulateSymbolPath', () => {
  const market: MarketFactorSpec = {
    ...DEFAULT_MARKET_FACTOR,
    regimes: [
      { name: 'up', drift: 0.2, volatility: 0.1 },
      { name: 'down', drift: -0.3, volatility: 0.4 },
    ],
    transitions: [
      [0.99, 0.01],
      [0.02, 0.98],
    ],
    jumps: { intensity: 0, mean: 0, stdev: 0 },
    shocks: { distribution: 'normal' },
  };

  it('reports the conditional bar volatility of its regime and the GARCH multiplier', () => {
    const days = 100;
    const clock = buildBarClock(0, days, '1d', 0.2);
    const regimes = new Uint8Array(days).fill(0, 0, 50).fill(1, 50);
    const factor = simulateMarketFactor(new SeededRng(3), market, clock, regimes);
    const rng = new SeededRng(4);
    const symbol = {
      symbol: 'X',
      sector: 's',
      startPrice: 10,
      beta: 1.5,
      idiosyncraticVolatility: 0.2,
      sectorLoading: 0.5,
      averageVolume: 1,
    };
    const path = simulateSymbolPath(
      rng,
      () => rng.normal(),
      symbol,
      0.3,
      new Float64Array(days),
      market,
      factor,
      clock,
      regimes,
    );
    const variance = (sigma: number): number =>
      (1.5 ** 2 * sigma ** 2 + 0.5 ** 2 * 0.3 ** 2 + 0.2 ** 2) / 252;
    expect(path.barVolatility[0]).toBeCloseTo(
      Math.sqrt(variance(0.1)) * (factor.volatilityMultiplier[0] as number),
      15,
    );
    expect(path.barVolatility[70]).toBeCloseTo(
      Math.sqrt(variance(0.4)) * (factor.volatilityMultiplier[70] as number),
      15,
    );
    expect(path.startLogPrice).toBe(Math.log(10));
  });

  it('moves one for one with the market factor when beta is 1 and nothing else is random', () => {
    const days = 50;
    const clock = buildBarClock(0, days, '1d', 0.2);
    const regimes = new Uint8Array(days);
    const factor = simulateMarketFactor(new SeededRng(5), market, clock, regimes);
    const symbol = {
      symbol: 'M',
      sector: 's',
      startPrice: 100,
      beta: 1,
      idiosyncraticVolatility: 0,
      averageVolume: 1,
    };
    const rng = new SeededRng(6);
    const path = simulateSymbolPath(
      rng,
      () => rng.normal(),
      symbol,
      0,
      new Float64Array(days),
      market,
      factor,
      clock,
      regimes,
    );
    // Log drift per day: (mu - sigma^2 / 2) / 252.
    const drift = (0.2 - 0.5 * 0.1 ** 2) / 252;
    let previous = Math.log(100);
    for (let t = 0; t < days; t++) {
      expect((path.logClose[t] as number) - previous).toBeCloseTo(drift + (factor.shock[t] as number), 14);
      previous = path.logClose[t] as number;
    }
  });
});
