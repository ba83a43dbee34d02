/**
 * Backtest scenarios from issue 4, each against a baseline measured in the same run:
 * - one year of 1-minute bars (252 × 390 = 98,280) with an RSI(14) + Bollinger(20, 2) mean-reversion rule:
 *   target <= 50 ms (baseline: a bare loop computing the same indicators with no engine);
 * - a 1,000,000-bar CSV backtest end to end through the CLI (process start, parse, validate, run, store the
 *   run, print JSON): target <= 1.5 s (baseline: `node -e 0`);
 * - peak resident memory of a 10,000,000-bar backtest in a fresh process: target <= 2 × the raw float64
 *   columns (6 × 8 bytes × 10M = 480 MB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { perOrderFee } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import { SeededRng } from '../src/core/rng.js';
import { BarSeries } from '../src/data/bar-series.js';
import { BollingerBandsStream } from '../src/indicators/bollinger-bands.js';
import { RsiStream } from '../src/indicators/rsi.js';
import { Strategy, type BarView } from '../src/strategies/strategy.js';
import type { StrategyContext } from '../src/strategies/strategy-context.js';
import { writeMinuteBarsCsv } from '../test/helpers/minute-bars-csv.js';
import { median, timeMedian } from './stats.js';

function randomWalk(symbol: string, bars: number, seed: number): BarSeries {
  const rng = new SeededRng(seed);
  const series = BarSeries.allocate(symbol, '1m', bars);
  let price = 100;
  for (let i = 0; i < bars; i++) {
    const open = price;
    price *= 1 + 0.001 * rng.normal();
    series.ts[i] = Date.UTC(2024, 0, 2) + i * 60_000;
    series.open[i] = open;
    series.high[i] = Math.max(open, price) * 1.0004;
    series.low[i] = Math.min(open, price) * 0.9996;
    series.close[i] = price;
    series.volume[i] = 1000;
  }
  return series;
}

/** Buys 100 when RSI(14) < 30 and the close is under the lower band; sells when the close is back above the middle. */
class RsiBollinger extends Strategy {
  readonly name = 'rsi-bollinger';
  private readonly rsi = new RsiStream(14);
  private readonly bands = new BollingerBandsStream(20, 2);
  private pending = false;
  override onStart(context: StrategyContext): void {
    context.subscribeBars('SPY', '1m');
  }
  override onBar(bar: BarView): void {
    const rsi = this.rsi.update(bar.close);
    const bands = this.bands.update(bar.close);
    if (rsi === null || bands === null || this.pending) return;
    const held = this.ctx.position('SPY')?.quantity ?? 0;
    if (held === 0 && rsi < 30 && bar.close < bands.lower) this.send('buy', 100);
    else if (held > 0 && bar.close > bands.middle) this.send('sell', held);
  }
  override onOrderFilled(): void {
    this.pending = false;
  }
  private send(side: 'buy' | 'sell', quantity: number): void {
    this.pending = true;
    this.ctx.submitOrder({ symbol: 'SPY', side, type: 'market', quantity, timeInForce: 'gtc' });
  }
}

// 1. One year of 1-minute bars, RSI + Bollinger.
const YEAR = 252 * 390;
const year = randomWalk('SPY', YEAR, 11);
let fills = 0;
const engineMs = timeMedian(
  () => {
    fills = runBacktestEngine({
      series: [year],
      strategy: new RsiBollinger(),
      startingCash: 1_000_000,
      exchange: { fillTiming: 'next-open', fees: perOrderFee(1), slippage: noSlippage },
    }).fills.length;
  },
  21,
  10,
);
const bareMs = timeMedian(
  () => {
    const rsi = new RsiStream(14);
    const bands = new BollingerBandsStream(20, 2);
    let held = 0;
    let signals = 0;
    for (let i = 0; i < YEAR; i++) {
      const close = year.close[i] as number;
      const r = rsi.update(close);
      const b = bands.update(close);
      if (r === null || b === null) continue;
      if (held === 0 && r < 30 && close < b.lower) {
        held = 100;
        signals++;
      } else if (held > 0 && close > b.middle) {
        held = 0;
        signals++;
      }
    }
    return signals;
  },
  21,
  10,
);
console.log(
  `RSI(14) + Bollinger(20, 2) over one year of 1-minute bars (${YEAR.toLocaleString('en-US')}), ${fills} fills:`,
);
console.log('');
console.log('| implementation | median ms | target |');
console.log('|---|---:|---:|');
console.log(`| baseline: bare loop, same indicators and rule, no engine | ${bareMs.toFixed(2)} | |`);
console.log(`| event-driven engine (exchange, portfolio, equity curve) | ${engineMs.toFixed(2)} | <= 50 |`);

// 2. A 1,000,000-bar CSV through the CLI, end to end.
const dir = mkdtempSync(join(tmpdir(), 'nt-bench-'));
try {
  const csv = join(dir, 'minute.csv');
  writeMinuteBarsCsv(csv, 1_000_000, 5);
  const spawnMs = (args: string[]): number => {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    return performance.now() - start;
  };
  const cliArgs = (i: number): string[] => [
    'dist/cli/main.js',
    '--data-dir',
    join(dir, `data-${i}`),
    'backtest',
    '--strategy',
    'sma-cross',
    '--data',
    csv,
    '--timeframe',
    '1m',
    '--params',
    'fast=50,slow=200',
    '--quantity',
    '10',
    '--commission-per-order',
    '1',
    '--json',
  ];
  spawnMs(cliArgs(0)); // warm the file cache
  const node: number[] = [];
  const end: number[] = [];
  for (let i = 1; i <= 5; i++) {
    node.push(spawnMs(['-e', '0']));
    end.push(spawnMs(cliArgs(i)));
  }
  console.log('');
  console.log(
    '1,000,000-bar CSV (57 MB) backtest end to end: `neural-trader backtest --data FILE --json` (median of 5):',
  );
  console.log('');
  console.log('| command | median wall ms | target |');
  console.log('|---|---:|---:|');
  console.log(`| baseline: \`node -e 0\` | ${median(node).toFixed(0)} | |`);
  console.log(
    `| start, parse, validate, run sma-cross(50, 200), store the run, print JSON | ${median(end).toFixed(0)} | <= 1500 |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 3. Peak RSS of a 10M-bar backtest, in a fresh process so nothing else is on its heap.
const BIG = 10_000_000;
const child = spawnSync(
  process.execPath,
  ['--max-old-space-size=4096', new URL('./backtest-memory.js', import.meta.url).pathname, String(BIG)],
  {
    encoding: 'utf8',
  },
);
if (child.status !== 0) throw new Error(`memory run failed: ${child.stderr}`);
const { maxRssBytes, baselineRssBytes, bars } = JSON.parse(child.stdout) as {
  maxRssBytes: number;
  baselineRssBytes: number;
  bars: number;
};
const columns = bars * 6 * 8;
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
console.log('');
console.log(`Peak resident memory, sma-cross over ${bars.toLocaleString('en-US')} bars in a fresh process:`);
console.log('');
console.log('| measure | MiB | ratio to columns | target |');
console.log('|---|---:|---:|---:|');
console.log(`| raw float64 columns (6 × 8 bytes × bars) | ${mb(columns)} | 1.00 | |`);
console.log(`| baseline: process RSS before the data exists | ${mb(baselineRssBytes)} | | |`);
console.log(
  `| peak RSS (data + engine + equity curve + result) | ${mb(maxRssBytes)} | ${(maxRssBytes / columns).toFixed(2)} | <= 2.00 |`,
);
