import { afterEach, describe, expect, it } from 'vitest';
import { TRADING_DEFAULTS, type TradingConfig } from '../config/trading-config-schema.js';
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { livePaperBroker, memoryStore, REPLAY_START } from './live-market.fixture.js';
import { MemorySequenceStore } from './sequence-store.js';
import { assertMayTrade, registryName, TradingOrchestrator } from './trading-orchestrator.js';

let store: SqliteStore;
afterEach(async () => store.close());

function orchestrator(overrides: { liveFlag?: boolean; liveTradingEnabled?: boolean; live?: boolean } = {}) {
  store = memoryStore();
  const broker = livePaperBroker();
  const client =
    overrides.live === true
      ? Object.assign(Object.create(broker.execution) as typeof broker.execution, {
          live: true,
          name: 'alpaca',
        })
      : broker.execution;
  return {
    broker,
    orchestrator: new TradingOrchestrator({
      client,
      marketData: broker.marketData,
      clock: broker.replay,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      liveFlag: overrides.liveFlag ?? false,
      liveTradingEnabled: overrides.liveTradingEnabled ?? false,
      since: REPLAY_START,
    }),
  };
}

const config = (changes: Partial<TradingConfig>): TradingConfig => ({
  ...TRADING_DEFAULTS,
  symbols: ['ACME', 'BETA'],
  timeFrame: '1m',
  ...changes,
});

describe('TradingOrchestrator', () => {
  it('refuses a live endpoint without both --live and LIVE_TRADING_ENABLED=true', async () => {
    const { orchestrator: refused } = orchestrator({ live: true, liveFlag: true });
    await expect(refused.start(config({}))).rejects.toThrow(
      'refusing to trade: broker "alpaca" is a live (real-money) endpoint; this needs LIVE_TRADING_ENABLED=true',
    );
    expect(refused.state).toBe('idle');
    const paper = livePaperBroker().execution;
    expect(() => assertMayTrade(paper, false, false)).not.toThrow();
    const live = Object.assign(Object.create(paper) as typeof paper, { live: true, name: 'alpaca' });
    expect(() => assertMayTrade(live, false, true)).toThrow(/this needs --live \(both/);
    expect(() => assertMayTrade(live, true, true)).not.toThrow();
  });

  it('starts the configured strategies on every symbol and reports status per strategy', async () => {
    const { broker, orchestrator: trading } = orchestrator();
    const report = await trading.start(config({ strategies: ['momentum', 'mean_reversion'] }));
    expect(report.discrepancies).toEqual([]);
    for (let i = 0; i < 10; i++) broker.replay.step();
    const status = trading.status();
    expect(status.state).toBe('running');
    expect(status.broker).toBe('paper');
    expect(status.live).toBe(false);
    expect(status.equity).toBeGreaterThan(0);
    expect(status.strategies.map((s) => [s.strategyId, s.state, s.symbols])).toEqual([
      ['momentum', 'running', ['ACME', 'BETA']],
      ['mean-reversion-ACME', 'running', ['ACME']],
      ['mean-reversion-BETA', 'running', ['BETA']],
    ]);
    await expect(trading.start(config({}))).rejects.toThrow('trading is already running');
    await trading.stop();
    expect(trading.status().state).toBe('stopped');
    expect(trading.status().strategies.every((s) => s.state === 'stopped')).toBe(true);
  });

  it('refuses more than 50 symbols, unknown strategies and news strategies without news trading', async () => {
    const symbols = Array.from({ length: 51 }, (_, i) => `S${i}`);
    await expect(orchestrator().orchestrator.start(config({ symbols }))).rejects.toThrow(
      'symbols: "51" given, at most 50 per strategy',
    );
    await expect(
      orchestrator().orchestrator.start(config({ strategies: ['neural_sentiment'] })),
    ).rejects.toThrow(
      'strategy "neural_sentiment" trades on news: set enable_news_trading to true to run it',
    );
    await expect(
      orchestrator().orchestrator.start(config({ strategies: ['neural_arbitrage'] })),
    ).rejects.toThrow(/unknown strategy "neural-arbitrage"/);
    expect(registryName('enhanced_momentum')).toBe('enhanced-momentum');
  });
});
