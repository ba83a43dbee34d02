/**
 * Child process of backtest-scenarios.bench.ts: builds an N-bar series, runs sma-cross over it and prints the
 * process's peak resident set size as JSON. Run alone so the figure is this backtest's, not the bench's.
 */
import { resourceUsage } from 'node:process';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { perOrderFee } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import { SeededRng } from '../src/core/rng.js';
import { BarSeries } from '../src/data/bar-series.js';
import { smaCrossConfigSchema } from '../src/strategies/sma-cross/config.js';
import { SmaCrossStrategy } from '../src/strategies/sma-cross/strategy.js';

const bars = Number(process.argv[2] ?? 10_000_000);
const baselineRssBytes = resourceUsage().maxRSS * 1024;
const rng = new SeededRng(9);
const series = BarSeries.allocate('SPY', '1m', bars);
let price = 100;
for (let i = 0; i < bars; i++) {
  const open = price;
  price *= 1 + 0.001 * rng.normal();
  series.ts[i] = i * 60_000;
  series.open[i] = open;
  series.high[i] = Math.max(open, price) * 1.0004;
  series.low[i] = Math.min(open, price) * 0.9996;
  series.close[i] = price;
  series.volume[i] = 1000;
}
const result = runBacktestEngine({
  series: [series],
  strategy: new SmaCrossStrategy(
    smaCrossConfigSchema.parse({ symbol: 'SPY', timeframe: '1m', fast: 390, slow: 1950, quantity: 10 }),
  ),
  startingCash: 1_000_000,
  exchange: { fillTiming: 'next-open', fees: perOrderFee(1), slippage: noSlippage },
});
process.stdout.write(
  JSON.stringify({
    bars,
    fills: result.fills.length,
    baselineRssBytes,
    maxRssBytes: resourceUsage().maxRSS * 1024,
  }),
);
