import { afterEach, describe, expect, it } from 'vitest';
import { accountId } from '../core/ids.js';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../model/events.types.js';
import type { Order } from '../model/order.types.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { StrategyContext } from '../strategies/strategy-context.js';
import { Strategy, type BarView } from '../strategies/strategy.js';
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { acmeClose, eventually, HISTORY_BARS, livePaperBroker, memoryStore } from './live-market.fixture.js';
import { OrderManager } from './order-manager.js';
import { reconcileWithBroker } from './reconcile.js';
import { MemorySequenceStore } from './sequence-store.js';
import { TradingNode } from './trading-node.js';

/** Buys 10 on its first bar, tries an oversized buy on its second, sells 10 on its third. */
class ScriptedStrategy extends Strategy {
  readonly name = 'scripted';
  bars = 0;
  readonly filled: OrderFilled[] = [];
  readonly refused: (OrderRejected | OrderDenied)[] = [];

  override onStart(context: StrategyContext): void {
    context.subscribeBars('ACME', '1m');
  }

  override onBar(bar: BarView): void {
    this.bars++;
    if (this.bars === 1)
      this.ctx.submitOrder({ symbol: bar.symbol, side: 'buy', type: 'market', quantity: 10 });
    if (this.bars === 2)
      this.ctx.submitOrder({ symbol: bar.symbol, side: 'buy', type: 'market', quantity: 900 });
    if (this.bars === 3)
      this.ctx.submitOrder({ symbol: bar.symbol, side: 'sell', type: 'market', quantity: 10 });
  }

  override onOrderFilled(event: OrderFilled): void {
    this.filled.push(event);
  }

  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.refused.push(event);
  }
}

let store: SqliteStore;
afterEach(async () => store.close());

function node(risk = new RiskEngine({ maxPosition: { maxNotional: 20_000 } })) {
  store = memoryStore();
  const broker = livePaperBroker();
  const manager = new OrderManager({
    client: broker.execution,
    orders: store.orders,
    fills: store.fills,
    sequences: new MemorySequenceStore(),
    clock: broker.replay,
  });
  const trading = new TradingNode({
    clock: broker.replay,
    marketData: broker.marketData,
    manager,
    fills: store.fills,
    risk,
    accountId: accountId('PAPER'),
  });
  const reconcile = () =>
    reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    });
  return { broker, manager, trading, reconcile };
}

describe('TradingNode', () => {
  it('runs a strategy on the paper broker: risk on every order, fills back to the strategy and the books', async () => {
    const { broker, manager, trading, reconcile } = node();
    const strategy = new ScriptedStrategy();
    trading.addStrategy({ strategy, strategyId: 'scripted', symbols: ['ACME'] });
    await trading.start(reconcile);
    for (let i = 0; i < 3; i++) {
      broker.replay.step();
      await manager.idle();
    }
    await eventually(() => (strategy.filled.length === 2 ? true : undefined));
    // Sent before the next bar, an order decided at bar k fills at bar k's close (paper fill timing `close`).
    expect(strategy.filled.map((e) => [e.fill.side, e.fill.quantity, e.fill.price])).toEqual([
      ['buy', 10, acmeClose(HISTORY_BARS)],
      ['sell', 10, acmeClose(HISTORY_BARS + 2)],
    ]);
    // 900 × ~103 = ~92,700 notional is over the 20,000 cap: denied before it left the process.
    expect(strategy.refused.map((e) => e.type)).toEqual(['OrderDenied']);
    const [status] = trading.status();
    expect(status?.state).toBe('running');
    expect(status?.lastSignal).toMatchObject({ side: 'sell', quantity: 10, outcome: 'sent' });
    expect(status?.realizedPnl).toBeCloseTo(10 * (acmeClose(HISTORY_BARS + 2) - acmeClose(HISTORY_BARS)), 9);
    expect(status?.positions).toEqual([expect.objectContaining({ symbol: 'ACME', quantity: 0 })]);
    expect(trading.portfolio?.cash).toBeCloseTo(100_000 + 10, 9);
    const journal = await store.orders.list();
    expect(journal.map((o) => [o.clientOrderId, o.status]).sort()).toEqual([
      ['scripted-1', 'filled'],
      ['scripted-2', 'rejected'],
      ['scripted-3', 'filled'],
    ]);
    await trading.stop();
    expect(trading.status()[0]?.state).toBe('stopped');
  });

  it('seeds the account from the broker and a restarted strategy from its own journaled fills', async () => {
    const first = node(new RiskEngine());
    const strategy = new ScriptedStrategy();
    first.trading.addStrategy({ strategy, strategyId: 'scripted', symbols: ['ACME'] });
    await first.trading.start(first.reconcile);
    first.broker.replay.step();
    await eventually(() => (strategy.filled.length === 1 ? true : undefined));
    await first.trading.stop();

    // Same store and broker, a new node: the strategy's 10 ACME come back from the journal.
    const manager = new OrderManager({
      client: first.broker.execution,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: first.broker.replay,
    });
    const second = new TradingNode({
      clock: first.broker.replay,
      marketData: first.broker.marketData,
      manager,
      fills: store.fills,
      risk: new RiskEngine(),
      accountId: accountId('PAPER'),
    });
    const quiet = new ScriptedStrategy();
    quiet.bars = 10;
    second.addStrategy({ strategy: quiet, strategyId: 'scripted', symbols: ['ACME'] });
    const report = await second.start(() =>
      reconcileWithBroker({
        manager,
        orders: store.orders,
        fills: store.fills,
        accountId: accountId('PAPER'),
        since: 0,
      }),
    );
    expect(report.discrepancies).toEqual([]);
    expect(second.status()[0]?.positions).toEqual([
      expect.objectContaining({ symbol: 'ACME', quantity: 10 }),
    ]);
    expect(
      second.portfolio?.position(manager.get('scripted-1')?.instrumentId ?? ('' as never))?.quantity,
    ).toBe(10);
    await second.stop({ flatten: true });
    expect((await first.broker.execution.listPositions()).filter((p) => p.quantity !== 0)).toEqual([]);
  });

  it('marks a strategy failed when a handler throws, and keeps the others running', async () => {
    const { broker, trading, reconcile } = node();
    class Broken extends Strategy {
      readonly name = 'broken';
      override onStart(context: StrategyContext): void {
        context.subscribeBars('ACME', '1m');
      }
      override onBar(): void {
        throw new Error('division by zero');
      }
    }
    const healthy = new ScriptedStrategy();
    healthy.bars = 10;
    trading.addStrategy({ strategy: new Broken(), strategyId: 'broken', symbols: ['ACME'] });
    trading.addStrategy({ strategy: healthy, strategyId: 'healthy', symbols: ['ACME'] });
    expect(() =>
      trading.addStrategy({ strategy: healthy, strategyId: 'healthy', symbols: ['ACME'] }),
    ).toThrow(/already running/);
    await trading.start(reconcile);
    broker.replay.step();
    broker.replay.step();
    const [broken, ok] = trading.status();
    expect(broken?.state).toBe('failed');
    expect(broken?.errors).toEqual(['division by zero']);
    expect(ok?.state).toBe('running');
    expect(healthy.bars).toBe(12);
    await trading.stop();
  });

  it('closes a position past the take-profit band, and cancels and replaces working orders', async () => {
    store = memoryStore();
    const broker = livePaperBroker();
    const manager = new OrderManager({
      client: broker.execution,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: broker.replay,
    });
    const logs: string[] = [];
    const trading = new TradingNode({
      clock: broker.replay,
      marketData: broker.marketData,
      manager,
      fills: store.fills,
      risk: new RiskEngine(),
      accountId: accountId('PAPER'),
      exits: { stopLossPercentage: 50, takeProfitPercentage: 1 },
      onLog: (message) => logs.push(message),
    });
    const canceled: string[] = [];
    class Working extends Strategy {
      readonly name = 'working';
      bars = 0;
      resting: Order | null = null;
      override onStart(context: StrategyContext): void {
        context.subscribeBars('ACME', '1m');
      }
      override onBar(bar: BarView): void {
        this.bars++;
        if (this.bars === 1) {
          this.ctx.submitOrder({ symbol: bar.symbol, side: 'buy', type: 'market', quantity: 10 });
          this.resting = this.ctx.submitOrder({
            symbol: 'ACME',
            side: 'buy',
            type: 'limit',
            limitPrice: 50,
            quantity: 1,
            timeInForce: 'gtc',
          });
        }
        if (this.bars === 2 && this.resting !== null) this.ctx.replaceOrder(this.resting, { limitPrice: 60 });
        if (this.bars === 3) for (const order of this.ctx.openOrders('ACME')) this.ctx.cancelOrder(order);
      }
      override onOrderCanceled(event: OrderCanceled): void {
        canceled.push(event.clientOrderId);
      }
    }
    trading.addStrategy({ strategy: new Working(), strategyId: 'working', symbols: ['ACME'] });
    await trading.start(() =>
      reconcileWithBroker({
        manager,
        orders: store.orders,
        fills: store.fills,
        accountId: accountId('PAPER'),
        since: 0,
      }),
    );
    await broker.execution.subscribeTradeUpdates((update) => void manager.applyUpdate(update));
    for (let i = 0; i < 6; i++) {
      broker.replay.step();
      await manager.idle();
    }
    // Bought 10 at the close of the first replayed bar; +1 % is reached two bars later (0.5 a bar from ~102.5).
    const [status] = trading.status();
    expect(status?.positions).toEqual([expect.objectContaining({ symbol: 'ACME', quantity: 0 })]);
    expect(status?.realizedPnl).toBeGreaterThan(0);
    expect(logs).toContain('protective exit: take_profit');
    // The limit at 50 was replaced (canceled + a new one at 60), which was canceled in turn.
    expect(canceled).toEqual(['working-2', 'working-3']);
    const journal = (await store.orders.list()).map((o) => [o.clientOrderId, o.status, o.limitPrice]).sort();
    expect(journal).toEqual([
      ['working-1', 'filled', null],
      ['working-2', 'canceled', 50],
      ['working-3', 'canceled', 60],
      ['working-4', 'filled', null],
    ]);
    await trading.stop();
  });
});
