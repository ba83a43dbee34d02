/**
 * Pre-trade check of one order against every rule (src/risk/risk-engine.ts). Target (issue 6): <= 5 µs median
 * per check with all rules on and 50 positions. The portfolio: 1,000,000 of equity in 50 positions (5 sectors,
 * some short), 60 instruments with 300 daily closes each (one-factor returns, so correlations are realistic),
 * 5 working orders; the orders checked are small buys and sells (market and limit) in held and new instruments,
 * sized to pass every rule so that every rule runs. Each figure is the median, over repeated batches, of the
 * mean time per order in a batch (one order is too short to time alone):
 * - the order path: the portfolio unchanged between checks (many orders per bar), the clock moving 1 ms each;
 * - a price moving before every check: the worst case, every check rebuilds the portfolio figures and the
 *   VaR quadratic form (O(n²));
 * - baseline, the same rules run the straightforward way: each rule computes its own context and the return
 *   covariances are estimated anew for every check.
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import { accountId, instrumentId, orderId, positionId, type InstrumentId } from '../src/core/ids.js';
import { createInstrument, roundToTick, type Instrument } from '../src/model/instrument.js';
import { createOrder } from '../src/model/order.js';
import type { Order } from '../src/model/order.types.js';
import type { AccountState, Position } from '../src/model/position.types.js';
import { buildRules } from '../src/risk/pre-trade/build-rules.js';
import { parseRiskConfig, type RiskConfigInput } from '../src/risk/pre-trade/risk-config.js';
import type { RiskView } from '../src/risk/pre-trade/risk-view.types.js';
import { RiskEngine } from '../src/risk/risk-engine.js';
import { EquityTracker } from '../src/risk/state/equity-tracker.js';
import { median } from './stats.js';

const INSTRUMENTS = 60;
const HELD = 50;
const CLOSES = 300;
const SECTORS = ['Technology', 'Energy', 'Health', 'Financials', 'Industrials'];
const EQUITY = 1_000_000;

/** A view with O(1) account figures, as the engine's Portfolio keeps them. */
class BenchView implements RiskView {
  time = Date.UTC(2024, 5, 3, 15);
  private readonly held = new Map<InstrumentId, Position>();
  private readonly list: Position[] = [];
  private readonly prices = new Map<InstrumentId, number>();
  private readonly closeSeries = new Map<InstrumentId, Float64Array>();
  private readonly instruments = new Map<InstrumentId, Instrument>();
  private state: AccountState;
  working: Order[] = [];

  constructor(rng: SeededRng) {
    const factor = Array.from({ length: CLOSES }, () => rng.normal() * 0.01);
    let value = 0;
    let gross = 0;
    for (let i = 0; i < INSTRUMENTS; i++) {
      const id = instrumentId(`S${String(i).padStart(2, '0')}`);
      this.instruments.set(id, createInstrument({ symbol: id, sector: SECTORS[i % SECTORS.length] ?? null }));
      const closes = new Float64Array(CLOSES);
      let price = 20 + 180 * rng.next();
      const beta = 0.5 + rng.next();
      for (let t = 0; t < CLOSES; t++) {
        price *= 1 + beta * (factor[t] as number) + 0.012 * rng.normal();
        closes[t] = price;
      }
      price = roundToTick(price, 0.01);
      closes[CLOSES - 1] = price;
      this.closeSeries.set(id, closes);
      this.prices.set(id, price);
      if (i < HELD) {
        const side = i % 7 === 0 ? -1 : 1;
        const quantity = side * Math.max(1, Math.round(12_000 / price));
        const position: Position = {
          id: positionId(`P${i}`),
          accountId: accountId('bench'),
          instrumentId: id,
          strategyId: null,
          side: side > 0 ? 'long' : 'short',
          quantity,
          averagePrice: price,
          realizedPnl: 0,
          commissions: 0,
          tsOpened: 0,
          tsLast: 0,
        };
        this.held.set(id, position);
        this.list.push(position);
        value += quantity * price;
        gross += Math.abs(quantity) * price;
      }
    }
    const cash = EQUITY - value;
    this.state = {
      id: accountId('bench'),
      currency: 'USD',
      cash,
      equity: EQUITY,
      grossExposure: gross,
      buyingPower: EQUITY * 2 - gross,
      leverage: gross / EQUITY,
      maxLeverage: 2,
      tsLast: this.time,
    };
  }

  /** Moves a price and the account with it, as Portfolio.mark does. */
  setPrice(id: InstrumentId, price: number): void {
    const position = this.held.get(id);
    const before = this.prices.get(id) as number;
    this.prices.set(id, price);
    if (position === undefined) return;
    const change = position.quantity * (price - before);
    const grossChange = Math.abs(position.quantity) * (price - before);
    this.state = {
      ...this.state,
      equity: this.state.equity + change,
      grossExposure: this.state.grossExposure + grossChange,
    };
  }

  now(): number {
    return this.time;
  }
  account(): AccountState {
    return this.state;
  }
  position(id: InstrumentId): Position | null {
    return this.held.get(id) ?? null;
  }
  positions(): readonly Position[] {
    return this.list;
  }
  lastPrice(id: InstrumentId): number | null {
    return this.prices.get(id) ?? null;
  }
  openOrders(): readonly Order[] {
    return this.working;
  }
  closes(id: InstrumentId): Float64Array | null {
    return this.closeSeries.get(id) ?? null;
  }
  instrument(id: InstrumentId): Instrument | null {
    return this.instruments.get(id) ?? null;
  }
}

const rng = new SeededRng(6);
const view = new BenchView(rng);
let sequence = 0;
function order(symbol: string, side: 'buy' | 'sell', quantity: number, limitPrice?: number): Order {
  sequence++;
  const created = createOrder(
    limitPrice === undefined
      ? { instrumentId: instrumentId(symbol), side, type: 'market', quantity }
      : { instrumentId: instrumentId(symbol), side, type: 'limit', quantity, limitPrice },
    { id: orderId(`B-${sequence}`) },
    view.time,
  );
  if (!created.ok) throw created.error;
  return created.value;
}
const symbol = (i: number) => `S${String(i).padStart(2, '0')}`;
view.working = Array.from({ length: 5 }, (_, k) => ({
  ...order(symbol(k * 3), 'buy', 5),
  status: 'accepted' as const,
}));
const orders: Order[] = [];
for (let k = 0; k < 64; k++) {
  const i = k % 5 === 0 ? HELD + (k % (INSTRUMENTS - HELD)) : (k * 7) % HELD;
  const price = view.lastPrice(instrumentId(symbol(i))) as number;
  const position = view.position(instrumentId(symbol(i)));
  // Add to the position's side (so the order is not exposure-reducing and every rule runs).
  const side = position !== null && position.quantity < 0 ? 'sell' : 'buy';
  const quantity = Math.max(1, Math.round(3_000 / price));
  const limit = k % 2 === 0 ? undefined : roundToTick(price * (side === 'buy' ? 1.002 : 0.998), 0.01);
  orders.push(order(symbol(i), side, quantity, limit));
}

const config: RiskConfigInput = {
  lotTick: true,
  priceBand: { maxDeviation: 0.1 },
  minNotional: { minNotional: 100 },
  maxOrderNotional: { maxEquityFraction: 0.05 },
  orderRate: { maxOrders: 1_000, windowMs: 1_000 },
  shortSale: { shortable: Array.from({ length: INSTRUMENTS }, (_, i) => symbol(i)) },
  maxPosition: { maxEquityFraction: 0.1 },
  sectorConcentration: { maxEquityFraction: 0.5 },
  leverage: { maxGross: 2, maxNet: 1.5 },
  dailyLoss: { maxLossFraction: 0.05 },
  drawdown: { maxDrawdown: 0.2 },
  correlation: { maxCorrelation: 0.95 },
  portfolioVar: { maxVarFraction: 0.05 },
};
const engine = new RiskEngine(config);
engine.observe(EQUITY, view.time - 3_600_000);
const allowed = orders.filter((o) => engine.check(o, view).allowed).length;

/** Median µs per call over `batches` batches of `size` calls, after warm-up batches. */
function microsPerCall(batches: number, size: number, call: (k: number) => void): number {
  const times: number[] = [];
  for (let b = -Math.ceil(batches / 5); b < batches; b++) {
    const start = performance.now();
    for (let k = 0; k < size; k++) call(k);
    const elapsed = performance.now() - start;
    if (b >= 0) times.push((elapsed * 1000) / size);
  }
  return median(times);
}

const steady = microsPerCall(300, 1_000, (k) => {
  view.time += 1;
  engine.check(orders[k & 63] as Order, view);
});
const ids = Array.from({ length: HELD }, (_, i) => instrumentId(symbol(i)));
const moving = microsPerCall(100, 200, (k) => {
  view.time += 1;
  const id = ids[k % HELD] as InstrumentId;
  const price = view.lastPrice(id) as number;
  // Up one tick on even passes over the portfolio, down on odd ones: prices move but do not drift.
  view.setPrice(id, Math.floor(k / HELD) % 2 === 0 ? price + 0.01 : price - 0.01);
  engine.check(orders[k & 63] as Order, view);
});
// Baseline: every rule on its own, recomputing its context, with a fresh covariance estimate per check.
const parsed = parseRiskConfig(config);
const naive = microsPerCall(15, 20, (k) => {
  const { rules } = buildRules(parsed, new EquityTracker());
  const o = orders[k & 63] as Order;
  for (const rule of rules) if (!rule.check(o, view).allowed) break;
});

const us = (value: number) => value.toFixed(2);
console.log(
  `One order against all 13 rules, ${HELD} positions, ${INSTRUMENTS} instruments × ${CLOSES} closes (${allowed}/64 orders allowed):`,
);
console.log('');
console.log('| check | µs per order (median) | target |');
console.log('|---|---:|---:|');
console.log(
  `| baseline: each rule computes its own context, covariances estimated per check | ${us(naive)} | |`,
);
console.log(`| risk engine, portfolio unchanged between orders | ${us(steady)} | <= 5 |`);
console.log(`| risk engine, a price moved before every order (worst case) | ${us(moving)} | |`);
