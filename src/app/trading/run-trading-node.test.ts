import { afterEach, describe, expect, it } from 'vitest';
import { TRADING_DEFAULTS } from '../../config/trading-config-schema.js';
import { livePaperBroker, memoryStore } from '../../live/live-market.fixture.js';
import { MemorySequenceStore } from '../../live/sequence-store.js';
import { openApiRepositories, type ApiRepositories } from '../../store/sqlite/open-api-repositories.js';
import type { SqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { runTradingNode } from './run-trading-node.js';
import { TradingBoard } from './trading-board.js';
import { paperConnection, parseSpeed, type BrokerConnection } from './trading-session.js';

let store: SqliteStore;
let repositories: ApiRepositories;
afterEach(async () => {
  await store.close();
  await repositories.close();
});

function fixtureConnection(): BrokerConnection {
  const broker = livePaperBroker();
  return {
    client: broker.execution,
    marketData: broker.marketData,
    clock: broker.replay,
    start: () => undefined, // the test steps nothing: prices stay at the last history bar
    close: () => broker.stop(),
    symbols: broker.replay.symbols,
    instruments: broker.instruments,
  };
}

describe('runTradingNode', () => {
  it('publishes its status and runs order, rebalance and stop commands from another process', async () => {
    store = memoryStore();
    repositories = openApiRepositories(':memory:');
    const board = new TradingBoard(repositories.settings);
    const controller = new AbortController();
    const connection = fixtureConnection();
    const finished = runTradingNode({
      connection,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      board,
      trading: { ...TRADING_DEFAULTS, strategies: ['momentum'], symbols: ['ACME', 'BETA'], timeFrame: '1m' },
      liveFlag: false,
      liveTradingEnabled: false,
      since: 0,
      signal: controller.signal,
      pid: 4242,
      now: Date.now,
      pollIntervalMs: 5,
      publishIntervalMs: 10,
    });
    const order = (await board.send({
      kind: 'order',
      order: { symbol: 'acme', side: 'buy', type: 'market', quantity: 10 },
    })) as {
      order: { status: string; clientOrderId: string; filledQuantity: number };
    };
    expect(order.order).toMatchObject({ status: 'filled', clientOrderId: 'operator-1', filledQuantity: 10 });
    const running = await board.running();
    expect(running?.pid).toBe(4242);
    expect(running?.status).toMatchObject({ state: 'running', broker: 'paper' });

    const preview = (await board.send({
      kind: 'rebalance',
      targets: { BETA: 0.1 },
      dryRun: true,
      cashBuffer: 0,
      minTradeValue: 0,
    })) as {
      plan: { orders: { symbol: string; side: string; quantity: number }[] };
      execution: unknown;
    };
    // 10 ACME are sold (not targeted); BETA 0.1 × equity (100,000 unchanged: bought at the mark) / 50 = 200.
    expect(preview.plan.orders.map((o) => [o.symbol, o.side, o.quantity])).toEqual([
      ['ACME', 'sell', 10],
      ['BETA', 'buy', 200],
    ]);
    expect(preview.execution).toBeNull();
    expect((await connection.client.listPositions()).map((p) => [p.symbol, p.quantity])).toEqual([
      ['ACME', 10],
    ]);

    const refused = (await board.send({ kind: 'order', order: { symbol: 'ACME', side: 'hold' } })) as {
      error: string;
    };
    expect(refused.error).toMatch(/side/);

    expect(await board.send({ kind: 'stop', flatten: true })).toEqual({ stopped: true, flatten: true });
    const status = await finished;
    expect(status.state).toBe('stopped');
    expect((await connection.client.listPositions()).filter((p) => p.quantity !== 0)).toEqual([]);
    expect(await board.running()).toBeNull();
    expect(controller.signal.aborted).toBe(false);
  });

  it('refuses symbols the paper replay does not have', async () => {
    store = memoryStore();
    repositories = openApiRepositories(':memory:');
    await expect(
      runTradingNode({
        connection: fixtureConnection(),
        orders: store.orders,
        fills: store.fills,
        sequences: new MemorySequenceStore(),
        board: new TradingBoard(repositories.settings),
        trading: { ...TRADING_DEFAULTS, symbols: ['ACME', 'ZZZ'] },
        liveFlag: false,
        liveTradingEnabled: false,
        since: 0,
        signal: new AbortController().signal,
        pid: 1,
        now: Date.now,
      }),
    ).rejects.toThrow('symbols "ZZZ" are not in the paper replay; it has ACME, BETA');
  });
});

describe('trading session', () => {
  it('replays the synthetic universe for paper trading at 1m or 1d only', () => {
    const paper = paperConnection({ timeframe: '1d', accountId: 'paper-test' });
    expect(paper.symbols).toContain('SPY');
    expect(paper.client.live).toBe(false);
    expect(() => paperConnection({ timeframe: '5m', accountId: 'x' })).toThrow(
      'time frame "5m": the paper replay of the synthetic universe has 1m and 1d bars only',
    );
  });

  it('parses --speed', () => {
    expect(parseSpeed('60x')).toBe(60);
    expect(parseSpeed('2.5')).toBe(2.5);
    expect(parseSpeed('max')).toBe(Infinity);
    expect(() => parseSpeed('fast')).toThrow('speed "fast" must look like 60x');
  });
});
