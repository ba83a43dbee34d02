/**
 * Decision-to-order latency inside a live / paper node (issue 9, target p99 <= 1 ms): from a bar handed to
 * TradingNode.onBar to the order handed to the ExecutionClient. The path: strategy onBar → submitOrder →
 * createOrder → RiskEngine.check with the `medium` preset's rules (11 rules; lot/tick, price band, order
 * rate relaxed so every order passes) → OrderManager: sequence saved and the order journaled as pending_new
 * in a file-backed SQLite store (WAL) → ExecutionClient.submitOrder. The strategy trades one share on every
 * bar (buy, then sell), so every bar is a decision. Bars arrive one at a time: the next one after the
 * previous order's send settled (the paper broker's answer and journal update included, but not timed).
 *
 * Baseline in the same run: the backtest engine's cost per bar with an order on every bar (same strategy,
 * same risk rules, no journal), i.e. the kernel without persistence.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PaperBroker } from '../src/adapters/paper/paper-broker.js';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { noFees } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import { SeededRng } from '../src/core/rng.js';
import { accountId, instrumentId } from '../src/core/ids.js';
import { BarSeries } from '../src/data/bar-series.js';
import type { ExecutionClient } from '../src/engine/execution-client.types.js';
import { OrderManager } from '../src/live/order-manager.js';
import { reconcileWithBroker } from '../src/live/reconcile.js';
import { SettingSequenceStore } from '../src/live/sequence-store.js';
import { TradingNode } from '../src/live/trading-node.js';
import { createInstrument } from '../src/model/instrument.js';
import { fromPreset } from '../src/risk/presets.js';
import { RiskEngine } from '../src/risk/risk-engine.js';
import { Strategy, type BarView } from '../src/strategies/strategy.js';
import type { StrategyContext } from '../src/strategies/strategy-context.js';
import { openApiRepositories } from '../src/store/sqlite/open-api-repositories.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { median } from './stats.js';

const BARS = 5_000;
const HISTORY = 300;

/** One share every bar, alternating buy and sell: every bar is a decision that reaches the broker. */
class EveryBar extends Strategy {
  readonly name = 'every-bar';
  private count = 0;
  override onStart(context: StrategyContext): void {
    context.subscribeBars('SPY', '1m');
  }
  override onBar(bar: BarView): void {
    this.ctx.submitOrder({
      symbol: bar.symbol,
      side: this.count++ % 2 === 0 ? 'buy' : 'sell',
      type: 'market',
      quantity: 1,
    });
  }
}

function series(): BarSeries {
  const rng = new SeededRng(9);
  const s = BarSeries.allocate('SPY', '1m', HISTORY + BARS);
  let price = 400;
  for (let i = 0; i < s.length; i++) {
    const open = price;
    price *= 1 + 0.0005 * rng.normal();
    s.ts[i] = Date.UTC(2024, 0, 2, 14, 30) + i * 60_000;
    s.open[i] = open;
    s.high[i] = Math.max(open, price) * 1.0002;
    s.low[i] = Math.min(open, price) * 0.9998;
    s.close[i] = price;
    s.volume[i] = 100_000;
  }
  return s;
}

const riskConfig = () => {
  const preset = fromPreset('medium');
  return {
    ...preset,
    orderRate: { maxOrders: 1_000_000, windowMs: 60_000 },
    priceBand: { maxDeviation: 0.5 },
  };
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

async function live(inMemory: boolean): Promise<number[]> {
  const data = series();
  const dir = mkdtempSync(join(tmpdir(), 'nt-latency-'));
  const dbPath = join(dir, 'neural-trader.db');
  const store = openSqliteStore({ path: inMemory ? ':memory:' : dbPath });
  const repositories = openApiRepositories(dbPath);
  const broker = new PaperBroker({
    series: [data],
    instruments: [createInstrument({ symbol: 'SPY', sector: 'index' })],
    startingCash: 1_000_000,
    startAt: data.ts[HISTORY] as number,
    speed: Infinity,
  });
  const timing = { handedAt: 0 };
  const inner = broker.execution;
  const client: ExecutionClient = Object.assign(Object.create(inner) as ExecutionClient, {
    submitOrder: (request: Parameters<ExecutionClient['submitOrder']>[0]) => {
      timing.handedAt = performance.now();
      return inner.submitOrder(request);
    },
  });
  const manager = new OrderManager({
    client,
    orders: store.orders,
    fills: store.fills,
    sequences: new SettingSequenceStore(repositories.settings, Date.now),
    clock: broker.replay,
  });
  const node = new TradingNode({
    clock: broker.replay,
    marketData: broker.marketData,
    manager,
    fills: store.fills,
    risk: new RiskEngine(riskConfig()),
    accountId: accountId('PAPER'),
    instruments: broker.instruments ?? [],
  });
  node.addStrategy({ strategy: new EveryBar(), strategyId: 'every-bar', symbols: ['SPY'] });
  await node.start(() =>
    reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    }),
  );
  const latencies: number[] = [];
  const id = instrumentId('SPY');
  for (let i = HISTORY; i < data.length; i++) {
    broker.venue.onBar({
      instrumentId: id,
      timeframe: '1m',
      tsEvent: data.ts[i] as number,
      tsClose: (data.ts[i] as number) + 60_000,
      open: data.open[i] as number,
      high: data.high[i] as number,
      low: data.low[i] as number,
      close: data.close[i] as number,
      volume: data.volume[i] as number,
    });
    timing.handedAt = 0;
    const start = performance.now();
    node.onBar({
      instrumentId: id,
      timeframe: '1m',
      tsEvent: data.ts[i] as number,
      open: data.open[i] as number,
      high: data.high[i] as number,
      low: data.low[i] as number,
      close: data.close[i] as number,
      volume: data.volume[i] as number,
    });
    await manager.idle();
    if (timing.handedAt > 0) latencies.push(timing.handedAt - start);
  }
  await node.stop();
  await store.close();
  await repositories.close();
  return latencies;
}

function backtestPerBarMs(): number {
  const data = series();
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    runBacktestEngine({
      series: [data],
      strategy: new EveryBar(),
      startingCash: 1_000_000,
      exchange: {
        fillTiming: 'close',
        fees: noFees,
        slippage: noSlippage,
        instruments: new Map([[instrumentId('SPY'), createInstrument({ symbol: 'SPY', sector: 'index' })]]),
      },
      risk: new RiskEngine(riskConfig()),
    });
    runs.push((performance.now() - start) / data.length);
  }
  return median(runs);
}

const ms = (x: number) => `${(x * 1000).toFixed(1)} µs`;
for (const inMemory of [false, true]) {
  const latencies = (await live(inMemory)).sort((a, b) => a - b);
  console.log(
    `decision-to-order latency, ${latencies.length} orders of ${BARS} bars, medium risk preset, journal in ` +
      `SQLite ${inMemory ? '(in memory)' : '(file, WAL, synchronous=NORMAL)'}:`,
  );
  console.log(
    `  p50 ${ms(percentile(latencies, 0.5))}  p90 ${ms(percentile(latencies, 0.9))}  ` +
      `p99 ${ms(percentile(latencies, 0.99))}  max ${ms(latencies.at(-1) ?? 0)}  (target p99 <= 1 ms)`,
  );
}
const baseline = backtestPerBarMs();
console.log(
  `  baseline: backtest engine, same strategy and rules, no journal: ${ms(baseline)} per bar (order included)`,
);
