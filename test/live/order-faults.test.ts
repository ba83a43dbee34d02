import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlpacaExecutionClient } from '../../src/adapters/alpaca/alpaca-execution-client.js';
import { AlpacaMarketDataClient } from '../../src/adapters/alpaca/alpaca-market-data-client.js';
import type { SandboxFaults } from '../../src/adapters/alpaca/sandbox/alpaca-sandbox-server.js';
import { accountId, clientOrderId, instrumentId, orderId, fillId, strategyId } from '../../src/core/ids.js';
import type { TradeUpdate } from '../../src/engine/execution-client.types.js';
import { SystemClock } from '../../src/live/system-clock.js';
import { OrderManager } from '../../src/live/order-manager.js';
import { reconcileWithBroker } from '../../src/live/reconcile.js';
import { MemorySequenceStore } from '../../src/live/sequence-store.js';
import { TradingNode } from '../../src/live/trading-node.js';
import { createOrder, submitOrder, acceptOrder } from '../../src/model/order.js';
import type { Fill, Order } from '../../src/model/order.types.js';
import { RiskEngine } from '../../src/risk/risk-engine.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { startSandboxRig, type SandboxRig } from '../contracts/alpaca-harness.js';
import { ACME_LAST_CLOSE, waitFor } from '../contracts/contract-market.js';
import { tempDir } from '../helpers/run-cli-in-process.js';

let rig: SandboxRig | null = null;
let store: SqliteStore | null = null;
afterEach(async () => {
  await rig?.sandbox.close();
  await store?.close();
  rig = null;
  store = null;
});

/** A fault that fires once, for the first request matching method and path. */
function once(method: string, path: string, action: () => 'reset') {
  let fired = false;
  return (m: string, p: string) => {
    if (fired || m !== method || p !== path) return null;
    fired = true;
    return action();
  };
}

async function brokerNet(rigged: SandboxRig, symbol: string): Promise<number> {
  return (await rigged.broker.execution.listPositions()).find((p) => p.symbol === symbol)?.quantity ?? 0;
}

describe('fault: broker connection dropped mid-order (Alpaca adapter against the sandbox)', () => {
  it('an order whose answer was lost is adopted once; a fill lost with the stream is caught up', async () => {
    const faults: SandboxFaults = { after: once('POST', '/v2/orders', () => 'reset') };
    rig = await startSandboxRig({ faults });
    store = openSqliteStore({ path: ':memory:' });
    const client = new AlpacaExecutionClient({
      ...rig.config,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    const manager = new OrderManager({
      client,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: new SystemClock(),
      retryDelayMs: 10,
      catchUpDelayMs: 20,
    });
    const node = new TradingNode({
      clock: new SystemClock(),
      marketData: new AlpacaMarketDataClient(rig.config),
      manager,
      fills: store.fills,
      risk: new RiskEngine(),
      accountId: accountId((await client.getAccount()).id),
    });
    const account = (await client.getAccount()).id;
    await node.start(() =>
      reconcileWithBroker({
        manager,
        orders: store!.orders,
        fills: store!.fills,
        accountId: accountId(account),
        since: 0,
      }),
    );
    // The trade_updates stream drops while the order is in flight: its fill event is lost too.
    rig.sandbox.dropStreamConnections();
    const order = await node.operator.submitAndWait({
      symbol: 'ACME',
      side: 'buy',
      type: 'market',
      quantity: 10,
    });
    expect(order.status).toBe('filled');
    const atBroker = await rig.broker.execution.listOrders({ status: 'all' });
    expect(atBroker.map((o) => o.clientOrderId)).toEqual(['operator-1']);
    await waitFor(async () => ((await store!.fills.list()).length === 1 ? true : undefined));
    await manager.idle();
    expect(node.portfolio?.position(instrumentId('ACME'))?.quantity).toBe(10);
    expect(await brokerNet(rig, 'ACME')).toBe(10);
    expect((await store.fills.list()).map((f) => [f.quantity, f.price])).toEqual([[10, ACME_LAST_CLOSE]]);
    await node.stop();
  });
});

describe('fault: duplicate and out-of-order fill events', () => {
  it('books each execution once, keeps the latest order state, and positions match the executions', async () => {
    store = openSqliteStore({ path: ':memory:' });
    rig = await startSandboxRig();
    const manager = new OrderManager({
      client: rig.broker.execution,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: new SystemClock(),
      catchUpDelayMs: 60_000,
    });
    const id = clientOrderId('momentum-1');
    const created = createOrder(
      {
        instrumentId: instrumentId('ACME'),
        side: 'buy',
        type: 'limit',
        limitPrice: 101,
        quantity: 10,
        strategyId: strategyId('momentum'),
      },
      { id: OrderManager.localId(id), clientOrderId: id, accountId: accountId('PAPER') },
      0,
    );
    if (!created.ok) throw created.error;
    const working = acceptOrder(submitOrder(created.value, 1), 2);
    manager.track(working, orderId('broker-1'));
    const snapshot = (filled: number, status: Order['status'], average: number | null): Order => ({
      ...working,
      id: orderId('broker-1'),
      filledQuantity: filled,
      status,
      averageFillPrice: average,
    });
    const fill = (n: number, quantity: number, price: number, ts: number): Fill => ({
      id: fillId(`exec-${n}`),
      orderId: orderId('broker-1'),
      clientOrderId: id,
      instrumentId: instrumentId('ACME'),
      strategyId: null,
      side: 'buy',
      quantity,
      price,
      commission: 0,
      liquidity: 'maker',
      tsEvent: ts,
    });
    const first: TradeUpdate = {
      event: 'partial_fill',
      order: snapshot(4, 'partially_filled', 100),
      fill: fill(1, 4, 100, 10),
      tsEvent: 10,
    };
    const second: TradeUpdate = {
      event: 'fill',
      order: snapshot(10, 'filled', 100.6),
      fill: fill(2, 6, 101, 20),
      tsEvent: 20,
    };
    const accepted: TradeUpdate = {
      event: 'new',
      order: snapshot(0, 'accepted', null),
      fill: null,
      tsEvent: 3,
    };
    const booked: Fill[] = [];
    manager.onEvent((event) => {
      if (event.type === 'fill') booked.push(event.fill);
    });
    // Out of order (the final fill first), each twice, then a stale acknowledgement.
    for (const update of [second, first, second, first, accepted]) await manager.applyUpdate(update);
    expect(booked.map((f) => f.id)).toEqual(['exec-2', 'exec-1']);
    const order = manager.get(id);
    expect([order?.status, order?.filledQuantity, order?.averageFillPrice]).toEqual(['filled', 10, 100.6]);
    const stored = await store.fills.list();
    expect(stored.reduce((sum, f) => sum + f.quantity, 0)).toBe(10);
    expect((await store.orders.getByClientOrderId(id))?.status).toBe('filled');
  });
});

function runChild(dbPath: string, url: string, quantity: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'live', 'fixtures', 'send-one-order.ts'), dbPath, url, String(quantity)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, exited, output: () => output };
}

describe('fault: process killed (SIGKILL) between journal and acknowledgement', () => {
  it('after restart nothing is lost or doubled and positions equal the broker', async () => {
    const dbPath = join(tempDir('nt-kill-'), 'neural-trader.db');
    let victim: ReturnType<typeof runChild> | null = null;
    let mode: 'before' | 'after' = 'before';
    const kill = () => {
      victim?.child.kill('SIGKILL');
      return 'reset' as const;
    };
    rig = await startSandboxRig({
      faults: {
        // Run 1: killed after journaling, before the broker got the order. Run 2: killed after the broker
        // took it, before the answer reached the process.
        before: (method, path) =>
          mode === 'before' && method === 'POST' && path === '/v2/orders' ? kill() : null,
        after: (method, path) =>
          mode === 'after' && method === 'POST' && path === '/v2/orders' ? kill() : null,
      },
    });
    victim = runChild(dbPath, rig.sandbox.url, 5);
    expect((await victim.exited).signal).toBe('SIGKILL');
    expect(victim.output()).toMatch(/sending momentum-1/);
    mode = 'after';
    victim = runChild(dbPath, rig.sandbox.url, 10);
    expect((await victim.exited).signal).toBe('SIGKILL');
    expect(victim.output()).toMatch(/sending momentum-2/);

    // Both orders were journaled as pending_new before the process died.
    store = openSqliteStore({ path: dbPath });
    const journal = await store.orders.list();
    expect(journal.map((o) => [o.clientOrderId, o.status]).sort()).toEqual([
      ['momentum-1', 'pending_new'],
      ['momentum-2', 'pending_new'],
    ]);
    // Restart: reconciliation before anything else.
    const client = new AlpacaExecutionClient(rig.config);
    const manager = new OrderManager({
      client,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: new SystemClock(),
      retryDelayMs: 10,
    });
    const account = (await client.getAccount()).id;
    const report = await reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId(account),
      since: 0,
    });
    expect(report.neverSent.map((o) => o.clientOrderId)).toEqual(['momentum-1']);
    expect(report.adopted.map((o) => [o.clientOrderId, o.status, o.filledQuantity])).toEqual([
      ['momentum-2', 'filled', 10],
    ]);
    expect(report.missedFills.map((f) => [f.clientOrderId, f.quantity])).toEqual([['momentum-2', 10]]);
    expect(report.discrepancies).toEqual([]);
    // Nothing was re-sent: the broker holds exactly the one order it took, and 10 shares.
    const atBroker = await rig.broker.execution.listOrders({ status: 'all' });
    expect(atBroker.map((o) => o.clientOrderId)).toEqual(['momentum-2']);
    expect(await brokerNet(rig, 'ACME')).toBe(10);
    const fills = await store.fills.list();
    expect(fills.reduce((sum, f) => sum + f.quantity, 0)).toBe(10);
  }, 60_000);
});
