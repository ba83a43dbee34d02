/**
 * Event-driven backtest throughput: sma-cross(10, 30) on one symbol, portfolio marked to market and the
 * equity curve recorded on every bar, against a bare loop over the same arrays (SMA crossover + cash and
 * position bookkeeping, no engine) in the same run. Target (issue 4): >= 5,000,000 bars/s.
 */
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { perOrderFee } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import { SeededRng } from '../src/core/rng.js';
import { BarSeries } from '../src/data/bar-series.js';
import { smaCrossConfigSchema } from '../src/strategies/sma-cross/config.js';
import { SmaCrossStrategy } from '../src/strategies/sma-cross/strategy.js';
import { timeMedian } from './stats.js';

const N = 1_000_000;
const rng = new SeededRng(3);
const series = BarSeries.allocate('SPY', '1m', N);
let price = 100;
for (let i = 0; i < N; i++) {
  const open = price;
  price *= 1 + 0.001 * rng.normal();
  series.ts[i] = i * 60_000;
  series.open[i] = open;
  series.high[i] = Math.max(open, price) * 1.0005;
  series.low[i] = Math.min(open, price) * 0.9995;
  series.close[i] = price;
  series.volume[i] = 1000;
}

/** Median ms and fill count of sma-cross(fast, slow) through the engine. */
function engine(fast: number, slow: number): { ms: number; fills: number } {
  let fills = 0;
  const ms = timeMedian(
    () => {
      const result = runBacktestEngine({
        series: [series],
        strategy: new SmaCrossStrategy(
          smaCrossConfigSchema.parse({ symbol: 'SPY', timeframe: '1m', fast, slow, quantity: 10 }),
        ),
        startingCash: 1_000_000,
        exchange: { fillTiming: 'next-open', fees: perOrderFee(1), slippage: noSlippage },
      });
      fills = result.fills.length;
    },
    7,
    2,
  );
  return { ms, fills };
}
const frequent = engine(10, 30);
const daily = engine(390, 1950);

const bareMs = timeMedian(
  () => {
    const close = series.close;
    const open = series.open;
    const equity = new Float64Array(N);
    let fastSum = 0;
    let slowSum = 0;
    let cash = 1_000_000;
    let held = 0;
    let pending = 0;
    for (let i = 0; i < N; i++) {
      if (pending !== 0) {
        cash -= pending * 10 * (open[i] as number) + 1;
        held += pending * 10;
        pending = 0;
      }
      const c = close[i] as number;
      fastSum += c - (i >= 10 ? (close[i - 10] as number) : 0);
      slowSum += c - (i >= 30 ? (close[i - 30] as number) : 0);
      if (i >= 29) {
        const up = fastSum / 10 > slowSum / 30;
        if (up && held === 0) pending = 1;
        else if (!up && held > 0) pending = -1;
      }
      equity[i] = cash + held * c;
    }
    return equity;
  },
  20,
  3,
);

const rate = (ms: number): string => `${((N / ms) * 1000).toExponential(2)}`;
console.log(`sma-cross over ${N.toLocaleString('en-US')} 1-minute bars (median):`);
console.log('');
console.log('| implementation | fills | ms | bars/s | target |');
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| baseline: bare loop over arrays, sma(10, 30), no engine | | ${bareMs.toFixed(1)} | ${rate(bareMs)} | |`,
);
console.log(
  `| engine, sma-cross(390, 1950): about one trade a day | ${daily.fills} | ${daily.ms.toFixed(1)} | ${rate(daily.ms)} | >= 5.00e+6 |`,
);
console.log(
  `| engine, sma-cross(10, 30): a trade every ~25 bars | ${frequent.fills} | ${frequent.ms.toFixed(1)} | ${rate(frequent.ms)} | >= 5.00e+6 |`,
);
const perFill = ((frequent.ms - daily.ms) * 1000) / (frequent.fills - daily.fills);
console.log(
  `\nper bar without fills: ${((daily.ms / N) * 1e6).toFixed(0)} ns; per fill (order, risk check, fill, booking): ${perFill.toFixed(1)} µs`,
);
