import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { noFees } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import { BarSeries } from '../src/data/bar-series.js';
import type { OrderDenied, OrderRejected } from '../src/model/events.types.js';
import type { Order } from '../src/model/order.types.js';
import { RiskAuditBuffer } from '../src/risk/state/risk-audit-buffer.js';
import { RiskEngine } from '../src/risk/risk-engine.js';
import { Strategy, type BarView } from '../src/strategies/strategy.js';
import type { StrategyContext } from '../src/strategies/strategy-context.js';

const DAY = 86_400_000;

function bars(closes: readonly number[]): BarSeries {
  return BarSeries.fromBars(
    'X',
    '1d',
    closes.map((c, i) => ({
      tsEvent: i * DAY,
      open: c,
      high: c * 1.01,
      low: c * 0.99,
      close: c,
      volume: 1e9,
    })),
  );
}

/** Buys the planned quantity on each bar (0: nothing), remembering every order and denial it saw. */
class Planned extends Strategy {
  readonly name = 'planned';
  readonly sent: Order[] = [];
  readonly denials: OrderDenied[] = [];
  constructor(private readonly plan: readonly number[]) {
    super();
  }
  private bar = 0;
  override onStart(context: StrategyContext): void {
    context.subscribeBars('X', '1d');
  }
  override onBar(_bar: BarView): void {
    const quantity = this.plan[this.bar++] ?? 0;
    if (quantity > 0) {
      this.sent.push(
        this.ctx.submitOrder({ symbol: 'X', side: 'buy', type: 'market', quantity, timeInForce: 'gtc' }),
      );
    }
  }
  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    if (event.type === 'OrderDenied') this.denials.push(event);
  }
}

const run = (series: BarSeries, strategy: Strategy, risk: RiskEngine, cash = 1_000_000) =>
  runBacktestEngine({
    series: [series],
    strategy,
    startingCash: cash,
    risk,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
  });

describe('the backtest engine with the risk engine', () => {
  it('denies an order above max notional: an OrderDenied with the rule and numbers, no fill, audited', () => {
    const audit = new RiskAuditBuffer();
    const strategy = new Planned([10, 30, 5]);
    // Closes 100: 10 units = 1,000 notional (allowed), 30 = 3,000 (denied at max 2,000), 5 = 500 (allowed).
    const result = run(
      bars([100, 100, 100, 100]),
      strategy,
      new RiskEngine({ maxOrderNotional: { maxNotional: 2000 } }, { audit }),
    );
    expect(result.fills.map((f) => f.quantity)).toEqual([10, 5]);
    expect(result.deniedOrders).toBe(1);
    expect(strategy.denials).toHaveLength(1);
    expect(strategy.denials[0]).toMatchObject({
      rule: 'max-order-notional',
      values: { notional: 3000, maxNotional: 2000, referencePrice: 100 },
    });
    expect(strategy.sent[1]?.status).toBe('rejected');
    const entries = audit.drain();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'denial', rule: 'max-order-notional' });
  });

  it('never lets a denied order reach the exchange (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 500, max: 4000 }),
        (plan, limit) => {
          const strategy = new Planned(plan);
          const result = run(
            bars(Array.from({ length: plan.length + 1 }, () => 100)),
            strategy,
            new RiskEngine({
              maxOrderNotional: { maxNotional: limit },
            }),
          );
          const deniedIds = new Set(strategy.denials.map((d) => d.orderId));
          expect(result.fills.some((f) => deniedIds.has(f.orderId))).toBe(false);
          // Reference price 100: exactly the orders above the limit are denied.
          expect(strategy.denials.length).toBe(plan.filter((q) => q > 0 && q * 100 > limit).length);
          expect(result.fills.length).toBe(plan.filter((q) => q > 0 && q * 100 <= limit).length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('halts trading after a drawdown breach: later orders are denied by the trading state', () => {
    const strategy = new Planned([100, 0, 0, 0, 1, 1]);
    // Long 100 from 100: the fall to 80 loses 2,000 of 10,000 equity = 20% > 10% max drawdown.
    const result = run(
      bars([100, 100, 95, 80, 80, 80, 80]),
      strategy,
      new RiskEngine({ drawdown: { maxDrawdown: 0.1 } }),
      10_000,
    );
    expect(result.fills).toHaveLength(1);
    expect(strategy.denials.map((d) => d.rule)).toEqual(['trading-state', 'trading-state']);
    expect(strategy.denials[0]?.message).toContain('halted');
  });

  it('runs every order through a rule-free risk engine by default and denies nothing', () => {
    const result = runBacktestEngine({
      series: [bars([100, 101, 102])],
      strategy: new Planned([1, 1]),
      startingCash: 1000,
      exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
    });
    expect(result.deniedOrders).toBe(0);
    expect(result.fills).toHaveLength(2);
  });

  it('replays an operator kill switch: open orders canceled, positions flattened, later orders denied', () => {
    class HoldAndRest extends Planned {
      override onBar(bar: BarView): void {
        super.onBar(bar);
        // A resting limit far below the market on the first bar: only the kill switch can end it.
        if (this.sent.length === 1 && this.ctx.openOrders('X').length === 1 && bar.close === 100) {
          this.sent.push(
            this.ctx.submitOrder({
              symbol: 'X',
              side: 'buy',
              type: 'limit',
              limitPrice: 50,
              quantity: 1,
              timeInForce: 'gtc',
            }),
          );
        }
      }
    }
    const strategy = new HoldAndRest([10, 0, 0, 0, 5]);
    const audit = new RiskAuditBuffer();
    const result = runBacktestEngine({
      series: [bars([100, 101, 102, 103, 104, 105])],
      strategy,
      startingCash: 100_000,
      risk: new RiskEngine({}, { audit }),
      // At the end of day 2 (tsClose of bar 1 = 2 days): halt, cancel, flatten.
      killSwitches: [{ ts: 2 * DAY, flatten: true, operator: 'ops', reason: 'drill' }],
      exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
    });
    // Bought 10 at bar 1's open, sold 10 at bar 2's open by the kill switch; the bar-4 order was denied.
    expect(result.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['buy', 10, 101],
      ['sell', 10, 102],
    ]);
    expect(strategy.denials.map((d) => d.rule)).toEqual(['trading-state']);
    expect(result.finalEquity).toBe(100_000 + 10);
    const killed = audit.drain().find((e) => e.kind === 'kill-switch') as { cancel: string[] } | undefined;
    expect(strategy.sent[1]?.type).toBe('limit');
    expect(killed?.cancel).toEqual([strategy.sent[1]?.id]);
  });
});
