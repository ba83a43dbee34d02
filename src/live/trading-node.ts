import type { Clock } from '../core/clock.js';
import { instrumentId, strategyId as toStrategyId, type AccountId } from '../core/ids.js';
import type { TradeUpdate, TradeUpdateSubscription } from '../engine/execution-client.types.js';
import type { MarketDataClient, MarketDataSubscription } from '../engine/market-data-client.types.js';
import type { Portfolio } from '../engine/portfolio.js';
import type { Bar } from '../model/bar.js';
import type { Instrument } from '../model/instrument.js';
import type { Fill, Order } from '../model/order.types.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { BarView, Strategy } from '../strategies/strategy.js';
import type { FillRepository } from '../store/repositories.types.js';
import { LiveRiskView } from './live-risk-view.js';
import { LiveStrategyContext } from './live-strategy-context.js';
import type { OrderManager, OrderManagerEvent } from './order-manager.js';
import { flattenAccount } from './basket.js';
import { closeOutsideBand, type ProtectiveExitConfig } from './protective-exit.js';
import { notifyFill, notifyOrderEnded } from './strategy-events.js';
import { portfolioFromBroker, portfolioFromFills } from './portfolio-seed.js';
import type { ReconciliationReport } from './reconcile.js';
import { strategyStatus, type StrategyRuntime, type StrategyStatus } from './strategy-status.js';

export interface TradingNodeDeps {
  readonly clock: Clock;
  readonly marketData: MarketDataClient;
  readonly manager: OrderManager;
  readonly fills: FillRepository;
  readonly risk: RiskEngine;
  readonly accountId: AccountId;
  /** The venue's instruments (lot and tick sizes); absent: US-equity defaults per symbol (LiveRiskView). */
  readonly instruments?: readonly Instrument[];
  /** Closes a strategy's position past its stop-loss / take-profit band (the runtime config's percentages). */
  readonly exits?: ProtectiveExitConfig;
  readonly onLog?: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
}

export interface StrategySlotConfig {
  readonly strategy: Strategy;
  /** Unique per node; the prefix of the strategy's client order ids. */
  readonly strategyId: string;
  readonly symbols: readonly string[];
}

/** The strategy id of orders placed by the operator (CLI `trade order`, rebalancing, flattening). */
export const OPERATOR_STRATEGY = 'operator';
const MAX_ERRORS = 20;
const EMPTY_VIEW = { symbol: '', tsEvent: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };

/**
 * The live / paper node (ARCHITECTURE §1: same strategies, system or replay clock). Start-up order matters:
 * the trade-update stream is opened first and buffered, the journal is reconciled with the broker, the
 * buffered updates are applied, the account is seeded from the broker's positions (the truth) and each
 * strategy's book from its own fills; only then do strategies start and bars flow. Every order a strategy
 * places goes through the RiskEngine and the OrderManager (LiveStrategyContext).
 */
export class TradingNode {
  private readonly slots = new Map<string, StrategyRuntime>();
  private readonly bySymbol = new Map<string, StrategyRuntime[]>();
  /** The bar view strategies receive, reused (as in a backtest: strategies copy what they keep). */
  private readonly view: { -readonly [K in keyof BarView]: BarView[K] } = { ...EMPTY_VIEW };
  private account: Portfolio | null = null;
  private riskView: LiveRiskView | null = null;
  private operatorContext: LiveStrategyContext | null = null;
  private subscription: MarketDataSubscription | null = null;
  private updates: TradeUpdateSubscription | null = null;
  private buffered: TradeUpdate[] | null = [];
  private readonly errors: string[] = [];
  private watchRisk = false;

  constructor(private readonly deps: TradingNodeDeps) {
    deps.manager.onEvent((event) => this.onManagerEvent(event));
  }

  addStrategy(config: StrategySlotConfig): void {
    if (this.slots.has(config.strategyId) || config.strategyId === OPERATOR_STRATEGY) {
      throw new Error(`strategy id ${config.strategyId} is already running on this node`);
    }
    const symbols = new Set(config.symbols.map((s) => s.toUpperCase()));
    this.slots.set(config.strategyId, {
      strategy: config.strategy,
      strategyId: toStrategyId(config.strategyId),
      symbols,
      subscribed: new Set(),
      state: 'starting',
      context: null,
      own: null,
      errors: [],
    });
  }

  /** Reconciles, seeds the books, starts every strategy and subscribes to their bars. */
  async start(reconcile: () => Promise<ReconciliationReport>): Promise<ReconciliationReport> {
    const { manager, clock } = this.deps;
    this.updates = await manager.client.subscribeTradeUpdates((update) => {
      if (this.buffered !== null) this.buffered.push(update);
      else void manager.applyUpdate(update).catch((error: unknown) => this.recordError(null, error));
    });
    await manager.loadSequences([...this.slots.keys(), OPERATOR_STRATEGY]);
    const report = await reconcile();
    for (const update of this.buffered ?? []) await manager.applyUpdate(update);
    const [account, positions] = await Promise.all([
      manager.client.getAccount(),
      manager.client.listPositions(),
    ]);
    const now = clock.now();
    this.account = portfolioFromBroker(account, positions, this.deps.accountId, now);
    const instruments =
      this.deps.instruments === undefined ? null : new Map(this.deps.instruments.map((i) => [i.id, i]));
    this.riskView = new LiveRiskView(clock, this.account, () => manager.openOrders(), instruments);
    const stored = await this.deps.fills.list();
    for (const slot of this.slots.values()) {
      const own = stored.filter((fill) => fill.strategyId === slot.strategyId);
      slot.own = portfolioFromFills(own, this.deps.accountId, account.currency, now);
      slot.context = this.contextFor(slot, slot.own);
    }
    this.operatorContext = this.contextFor(
      null,
      portfolioFromFills([], this.deps.accountId, account.currency, now),
    );
    this.buffered = null;
    this.watchRisk = this.deps.risk.ruleNames.length > 0;
    for (const slot of this.slots.values()) {
      try {
        slot.strategy.start(slot.context as LiveStrategyContext);
        slot.state = 'running';
      } catch (error) {
        this.fail(slot, error);
      }
    }
    await this.primePrices([...new Set([...this.slots.values()].flatMap((slot) => [...slot.symbols]))]);
    const bars = [...this.bySymbol.keys()];
    this.subscription = await this.deps.marketData.subscribe(
      { bars },
      {
        onBar: (bar) => this.onBar(bar),
        onError: (error) => this.recordError(null, error),
        onReconnect: () => this.log('market data reconnected'),
      },
    );
    return report;
  }

  /**
   * Asks the feed for the latest trade of each symbol, so the risk engine has a reference price before the
   * first bar (a market order needs one). Resolves to the symbols the feed had no price for.
   */
  async primePrices(symbols: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    await Promise.all(
      symbols.map(async (symbol) => {
        try {
          const trade = await this.deps.marketData.latestTrade(symbol);
          this.riskView?.setLastPrice(instrumentId(symbol), trade.price);
          this.account?.mark(instrumentId(symbol), trade.price);
        } catch {
          missing.push(symbol);
        }
      }),
    );
    return missing.sort();
  }

  /** One completed bar: the risk view and marks first, then every strategy subscribed to the symbol. */
  onBar(bar: Bar): void {
    const symbol = bar.instrumentId as string;
    this.riskView?.recordClose(bar.instrumentId, bar.close);
    this.account?.mark(bar.instrumentId, bar.close);
    const view = this.view;
    view.symbol = symbol;
    view.tsEvent = bar.tsEvent;
    view.open = bar.open;
    view.high = bar.high;
    view.low = bar.low;
    view.close = bar.close;
    view.volume = bar.volume;
    for (const slot of this.bySymbol.get(symbol) ?? []) {
      if (slot.state !== 'running') continue;
      slot.own?.mark(bar.instrumentId, bar.close);
      try {
        slot.strategy.onBar(view);
        if (this.deps.exits !== undefined) {
          closeOutsideBand(slot.context as LiveStrategyContext, symbol, bar.close, this.deps.exits);
        }
      } catch (error) {
        this.fail(slot, error);
      }
    }
    if (this.watchRisk && this.account !== null)
      this.deps.risk.observe(this.account.equity, this.deps.clock.now());
  }

  /** The operator's order context (manual orders, rebalancing, flattening): risk-checked and journaled too. */
  get operator(): LiveStrategyContext {
    if (this.operatorContext === null) throw new Error('the trading node is not started');
    return this.operatorContext;
  }

  /** Stops strategies and streams; with `flatten`, cancels our working orders and closes every position. */
  async stop(options: { readonly flatten?: boolean } = {}): Promise<void> {
    for (const slot of this.slots.values()) {
      if (slot.state !== 'running') continue;
      try {
        slot.strategy.onStop();
      } catch (error) {
        this.fail(slot, error);
      }
      slot.state = 'stopped';
    }
    await this.subscription?.close();
    this.subscription = null;
    if (options.flatten === true && this.account !== null) {
      await flattenAccount(this.deps.manager, this.account, this.operator);
    }
    await this.deps.manager.idle();
    await this.deps.manager.dispose();
    await this.updates?.close();
    this.updates = null;
  }

  status(): StrategyStatus[] {
    return [...this.slots.values()].map((slot) => strategyStatus(slot));
  }

  get nodeErrors(): readonly string[] {
    return this.errors;
  }

  get portfolio(): Portfolio | null {
    return this.account;
  }

  private contextFor(slot: StrategyRuntime | null, own: Portfolio): LiveStrategyContext {
    const id = slot?.strategyId ?? toStrategyId(OPERATOR_STRATEGY);
    return new LiveStrategyContext({
      clock: this.deps.clock,
      strategyId: id,
      accountId: this.deps.accountId,
      manager: this.deps.manager,
      risk: this.deps.risk,
      riskView: this.riskView as LiveRiskView,
      account: this.account as Portfolio,
      own,
      symbols: slot?.symbols ?? null,
      onSubscribe: (symbol) => {
        if (slot === null) return;
        slot.subscribed.add(symbol);
        const list = this.bySymbol.get(symbol) ?? [];
        if (!list.includes(slot)) list.push(slot);
        this.bySymbol.set(symbol, list);
        if (this.subscription !== null) void this.subscription.update({ bars: [...this.bySymbol.keys()] });
      },
      onDenied: (event) => slot?.strategy.onOrderRejected(event),
      onLog: (message, fields) => this.log(message, { strategy: id, ...fields }),
    });
  }

  private onManagerEvent(event: OrderManagerEvent): void {
    if (this.buffered !== null) return; // during start-up the broker's positions are the truth
    if (event.type === 'orphan') {
      this.log('trade update for an order that is not ours', {
        clientOrderId: event.update.order.clientOrderId,
      });
      return;
    }
    const slot = event.order === null ? null : (this.slots.get(event.order.strategyId ?? '') ?? null);
    if (event.type === 'error') return this.recordError(slot, event.error);
    if (event.type === 'fill') return this.onFill(slot, event.order, event.fill);
    if (slot === null || slot.state !== 'running') return;
    try {
      notifyOrderEnded(slot.strategy, event.order, this.deps.clock.now());
    } catch (error) {
      this.fail(slot, error);
    }
  }

  private onFill(slot: StrategyRuntime | null, order: Order, fill: Fill): void {
    this.account?.applyFill(fill);
    if (slot === null) return;
    slot.own?.applyFill(fill);
    if (slot.state !== 'running') return;
    try {
      notifyFill(slot.strategy, order, fill);
    } catch (error) {
      this.fail(slot, error);
    }
  }

  private fail(slot: StrategyRuntime, error: unknown): void {
    slot.state = 'failed';
    this.recordError(slot, error);
  }

  private recordError(slot: StrategyRuntime | null, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const list = slot?.errors ?? this.errors;
    list.push(message);
    if (list.length > MAX_ERRORS) list.shift();
    this.log('error', { strategy: slot?.strategyId ?? null, error: message });
  }

  private log(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.deps.onLog?.(message, fields);
  }
}
