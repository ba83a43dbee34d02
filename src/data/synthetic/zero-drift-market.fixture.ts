import type { BarSeries } from '../bar-series.js';
import { generateMarket } from './generate-market.js';
import type { MarketSpec } from './market-spec.types.js';

/**
 * A market where expected returns are zero and symbols are independent: one regime with drift 0 and
 * volatility 0 (no market factor), no sector factor, no jumps, normal shocks; each of ten symbols (S0..S9) has
 * 25% annual idiosyncratic volatility and alpha 0, so its expected arithmetic return is 0 (symbol-path.ts
 * compensates the log drift). Trades on different symbols are then independent and a trade's expected return
 * is 0 unless a signal (disclosures, news) carries information: the edge tests of the event strategies use it.
 */
export const ZERO_DRIFT_MARKET: MarketSpec = {
  market: {
    regimes: [{ name: 'flat', drift: 0, volatility: 0 }],
    transitions: [[1]],
    jumps: { intensity: 0, mean: 0, stdev: 0 },
    shocks: { distribution: 'normal' },
  },
  sectors: [{ name: 'none', volatility: 0 }],
  symbols: Array.from({ length: 10 }, (_, k) => ({
    symbol: `S${k}`,
    sector: 'none',
    beta: 0,
    idiosyncraticVolatility: 0.25,
    startPrice: 50,
    averageVolume: 1_000_000,
  })),
};

/** Two years (504 days) of daily bars of ZERO_DRIFT_MARKET from 2020-01-01. */
export function zeroDriftSeries(seed: number): BarSeries[] {
  const generated = generateMarket(ZERO_DRIFT_MARKET, {
    seed,
    start: Date.UTC(2020, 0, 1),
    days: 504,
    timeframe: '1d',
  });
  return [...generated.series.values()];
}
