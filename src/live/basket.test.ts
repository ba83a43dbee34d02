import { afterEach, describe, expect, it } from 'vitest';
import { accountId } from '../core/ids.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { executeRebalance, submitBasket } from './basket.js';
import { acmeClose, HISTORY_BARS, livePaperBroker, memoryStore } from './live-market.fixture.js';
import { OrderManager } from './order-manager.js';
import { planRebalance } from './rebalance-plan.js';
import { reconcileWithBroker } from './reconcile.js';
import { MemorySequenceStore } from './sequence-store.js';
import { TradingNode } from './trading-node.js';

let store: SqliteStore;
afterEach(async () => store.close());

async function startedNode() {
  store = memoryStore();
  const broker = livePaperBroker();
  const manager = new OrderManager({
    client: broker.execution,
    orders: store.orders,
    fills: store.fills,
    sequences: new MemorySequenceStore(),
    clock: broker.replay,
  });
  const node = new TradingNode({
    clock: broker.replay,
    marketData: broker.marketData,
    manager,
    fills: store.fills,
    risk: new RiskEngine({ maxOrderNotional: { maxNotional: 30_000 } }),
    accountId: accountId('PAPER'),
  });
  await node.start(() =>
    reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    }),
  );
  expect(await node.primePrices(['ACME', 'BETA', 'NOPE'])).toEqual(['NOPE']);
  return { broker, node };
}

describe('submitBasket', () => {
  it('sends every order at once and answers per order', async () => {
    const { broker, node } = await startedNode();
    const results = await submitBasket(node.operator, [
      { symbol: 'ACME', side: 'buy', type: 'market', quantity: 10 },
      { symbol: 'BETA', side: 'buy', type: 'market', quantity: 1_000 }, // 50,000 > 30,000: denied
      { symbol: 'BETA', side: 'buy', type: 'market', quantity: 20 },
      { symbol: 'ACME', side: 'buy', type: 'market', quantity: -1 }, // invalid request
    ]);
    expect(results.map((r) => [r.ok, r.order?.status ?? null])).toEqual([
      [true, 'filled'],
      [false, 'rejected'],
      [true, 'filled'],
      [false, null],
    ]);
    expect(results[1]?.reason).toMatch(/notional/);
    expect(results[3]?.reason).toMatch(/quantity "-1" must be/);
    const positions = await broker.execution.listPositions();
    expect(positions.map((p) => [p.symbol, p.quantity])).toEqual([
      ['ACME', 10],
      ['BETA', 20],
    ]);
    await node.stop();
  });

  it('executes a rebalance plan, sells before buys, to the planned holdings', async () => {
    const { broker, node } = await startedNode();
    await submitBasket(node.operator, [{ symbol: 'BETA', side: 'buy', type: 'market', quantity: 200 }]);
    const price = acmeClose(HISTORY_BARS - 1);
    const account = await broker.execution.getAccount();
    const plan = planRebalance({
      targets: { ACME: 0.1 },
      holdings: [{ symbol: 'BETA', quantity: 200 }],
      prices: { ACME: price, BETA: 50 },
      equity: account.equity,
    });
    const done = await executeRebalance(node.operator, plan);
    expect(done.sells.map((r) => [r.request.symbol, r.ok])).toEqual([['BETA', true]]);
    expect(done.buys.map((r) => [r.request.symbol, r.request.quantity, r.ok])).toEqual([
      ['ACME', Math.floor((0.1 * account.equity) / price), true],
    ]);
    const positions = (await broker.execution.listPositions()).filter((p) => p.quantity !== 0);
    expect(positions.map((p) => [p.symbol, p.quantity])).toEqual([
      ['ACME', Math.floor((0.1 * account.equity) / price)],
    ]);
    await node.stop();
  });
});
