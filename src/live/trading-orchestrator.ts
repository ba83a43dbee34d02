import type { Clock } from '../core/clock.js';
import { IllegalStateError, InvalidInputError, quote } from '../core/errors.js';
import { accountId as toAccountId } from '../core/ids.js';
import type { TradingConfig } from '../config/trading-config-schema.js';
import type { ExecutionClient } from '../engine/execution-client.types.js';
import type { MarketDataClient } from '../engine/market-data-client.types.js';
import type { Instrument } from '../model/instrument.js';
import type { Order } from '../model/order.types.js';
import { fromPreset } from '../risk/presets.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { RiskAuditSink } from '../risk/risk-audit.types.js';
import { strategyDefinition, type StrategyInputs } from '../strategies/registry.js';
import type { FillRepository, OrderRepository } from '../store/repositories.types.js';
import { OrderManager } from './order-manager.js';
import { reconcileWithBroker, type ReconciliationReport } from './reconcile.js';
import type { SequenceStore } from './sequence-store.js';
import type { StrategyStatus } from './strategy-status.js';
import { TradingNode } from './trading-node.js';

/** Most symbols one strategy may trade at once (issue 9). */
export const MAX_SYMBOLS_PER_STRATEGY = 50;

export interface OrchestratorDeps {
  readonly client: ExecutionClient;
  readonly marketData: MarketDataClient;
  readonly clock: Clock;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  readonly sequences: SequenceStore;
  /** The venue's instruments (paper: the replay's); absent: US-equity defaults. */
  readonly instruments?: readonly Instrument[];
  /** `--live` given on the command line. */
  readonly liveFlag: boolean;
  /** LIVE_TRADING_ENABLED from the environment. */
  readonly liveTradingEnabled: boolean;
  /** Executions before this time are not fetched at reconciliation when the journal holds none (epoch ms). */
  readonly since: number;
  /** Strategy inputs beyond bars (news sentiment for neural-sentiment when news trading is on). */
  readonly inputs?: StrategyInputs;
  readonly audit?: RiskAuditSink;
  readonly onLog?: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
}

export const TRADING_STATES = ['idle', 'starting', 'running', 'stopping', 'stopped'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export interface TradingStatus {
  readonly state: TradingState;
  readonly broker: string;
  readonly live: boolean;
  readonly accountId: string | null;
  readonly equity: number | null;
  readonly cash: number | null;
  readonly openOrders: number;
  readonly strategies: readonly StrategyStatus[];
  readonly errors: readonly string[];
}

/**
 * Refuses a real-money endpoint unless the operator asked for it twice: `--live` and LIVE_TRADING_ENABLED=true
 * (issue 9). Paper brokers and sandboxes always pass.
 */
export function assertMayTrade(
  client: ExecutionClient,
  liveFlag: boolean,
  liveTradingEnabled: boolean,
): void {
  if (!client.live) return;
  if (liveFlag && liveTradingEnabled) return;
  const missing = [
    liveFlag ? null : '--live',
    liveTradingEnabled ? null : 'LIVE_TRADING_ENABLED=true',
  ].filter((part) => part !== null);
  throw new IllegalStateError(
    `refusing to trade: broker ${quote(client.name)} is a live (real-money) endpoint; ` +
      `this needs ${missing.join(' and ')} (both --live and LIVE_TRADING_ENABLED=true)`,
  );
}

/** The registry's name for a runtime-config strategy name (`enhanced_momentum` → `enhanced-momentum`). */
export function registryName(name: string): string {
  return name.replaceAll('_', '-');
}

/**
 * Starts and stops the strategies of the runtime trading config on one node: one RiskEngine from the risk
 * level's preset (max_position_size as the per-position notional cap), the stop-loss / take-profit band as a
 * protective exit, every strategy on every configured symbol at the configured time frame. Start reconciles
 * with the broker before any strategy runs (TradingNode.start).
 */
export class TradingOrchestrator {
  private node: TradingNode | null = null;
  private manager: OrderManager | null = null;
  private current: TradingState = 'idle';
  private account: string | null = null;

  constructor(private readonly deps: OrchestratorDeps) {}

  get state(): TradingState {
    return this.current;
  }

  get tradingNode(): TradingNode {
    if (this.node === null) throw new IllegalStateError('trading is not started');
    return this.node;
  }

  async start(config: TradingConfig): Promise<ReconciliationReport> {
    if (this.current !== 'idle') throw new IllegalStateError(`trading is already ${this.current}`);
    assertMayTrade(this.deps.client, this.deps.liveFlag, this.deps.liveTradingEnabled);
    const strategies = this.buildStrategies(config);
    this.current = 'starting';
    const { client, clock } = this.deps;
    const brokerAccount = await client.getAccount();
    const accountId = toAccountId(brokerAccount.id);
    this.account = brokerAccount.id;
    const preset = fromPreset(config.riskLevel);
    const risk = new RiskEngine(
      { ...preset, maxPosition: { ...preset.maxPosition, maxNotional: config.maxPositionSize } },
      this.deps.audit === undefined ? {} : { audit: this.deps.audit },
    );
    const manager = new OrderManager({
      client,
      orders: this.deps.orders,
      fills: this.deps.fills,
      sequences: this.deps.sequences,
      clock,
    });
    const node = new TradingNode({
      clock,
      marketData: this.deps.marketData,
      manager,
      fills: this.deps.fills,
      risk,
      accountId,
      exits: {
        stopLossPercentage: config.stopLossPercentage,
        takeProfitPercentage: config.takeProfitPercentage,
      },
      ...(this.deps.onLog === undefined ? {} : { onLog: this.deps.onLog }),
      ...(this.deps.instruments === undefined ? {} : { instruments: this.deps.instruments }),
    });
    for (const entry of strategies) node.addStrategy(entry);
    this.node = node;
    this.manager = manager;
    const report = await node.start(() =>
      reconcileWithBroker({
        manager,
        orders: this.deps.orders,
        fills: this.deps.fills,
        accountId,
        since: this.deps.since,
      }),
    );
    this.current = 'running';
    return report;
  }

  async stop(options: { readonly flatten?: boolean } = {}): Promise<void> {
    if (this.node === null || this.current !== 'running') return;
    this.current = 'stopping';
    await this.node.stop(options);
    this.current = 'stopped';
  }

  /** Our orders still working (journaled, not terminal). */
  openOrders(): Order[] {
    return this.manager?.openOrders() ?? [];
  }

  status(): TradingStatus {
    const account = this.node?.portfolio?.account() ?? null;
    return {
      state: this.current,
      broker: this.deps.client.name,
      live: this.deps.client.live,
      accountId: this.account,
      equity: account?.equity ?? null,
      cash: account?.cash ?? null,
      openOrders: this.manager?.openOrders().length ?? 0,
      strategies: this.node?.status() ?? [],
      errors: [...(this.node?.nodeErrors ?? [])],
    };
  }

  private buildStrategies(config: TradingConfig) {
    if (config.symbols.length > MAX_SYMBOLS_PER_STRATEGY) {
      throw new InvalidInputError(
        `symbols: ${quote(config.symbols.length)} given, at most ${MAX_SYMBOLS_PER_STRATEGY} per strategy`,
      );
    }
    return config.strategies.flatMap((name) => {
      if (name === 'neural_sentiment' && !config.enableNewsTrading) {
        throw new InvalidInputError(
          `strategy ${quote(name)} trades on news: set enable_news_trading to true to run it`,
        );
      }
      const definition = strategyDefinition(registryName(name));
      const create = (symbols: readonly string[]) =>
        definition.create({}, { symbols, timeframe: config.timeFrame }, this.deps.inputs ?? {});
      // A single-symbol strategy runs once per symbol, each with its own id (and client order ids).
      if (definition.symbols.max === 1 && config.symbols.length > 1) {
        return config.symbols.map((symbol) => ({
          strategy: create([symbol]),
          strategyId: `${registryName(name)}-${symbol}`,
          symbols: [symbol],
        }));
      }
      return [{ strategy: create(config.symbols), strategyId: registryName(name), symbols: config.symbols }];
    });
  }
}
