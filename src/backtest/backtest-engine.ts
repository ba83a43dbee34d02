import { createHash } from 'node:crypto';
import { SimulatedClock } from '../core/clock.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { accountId, fillId, instrumentId, strategyId, type InstrumentId } from '../core/ids.js';
import type { BarSeries } from '../data/bar-series.js';
import { findBarSeriesProblem } from '../data/check-bar-series.js';
import { DataEngine } from '../engine/data-engine.js';
import { MessageBus } from '../engine/message-bus.js';
import { Portfolio } from '../engine/portfolio.js';
import { createAccount } from '../model/account.js';
import type { Fill } from '../model/order.types.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Strategy } from '../strategies/strategy.js';
import type { EquityCurve, TradeRecord } from './backtest.types.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { KillSwitchRequest } from '../risk/state/kill-switch.js';
import { BacktestRiskView } from './backtest-risk-view.js';
import { EngineContext } from './engine-context.js';
import type {
  AmbiguousExit,
  ExchangeBar,
  FillReport,
  SimulatedExchangeConfig,
} from './exchange/exchange.types.js';
import { SimulatedExchange } from './exchange/simulated-exchange.js';
import { TradeLedger } from './trade-ledger.js';

export interface BacktestEngineConfig {
  readonly series: readonly BarSeries[];
  readonly strategy: Strategy;
  readonly startingCash: number;
  readonly currency?: string;
  /** Gross exposure allowed per unit of equity (1 = cash account). */
  readonly maxLeverage?: number;
  readonly exchange: SimulatedExchangeConfig;
  /**
   * The pre-trade risk engine every order passes (default: one with no rules, which only gates on the trading
   * state). With rules that watch equity (daily loss, drawdown) or monitoring, it is fed the equity and
   * evaluated at every bar time; auto-reduce orders it proposes are submitted at once.
   */
  readonly risk?: RiskEngine;
  /**
   * Operator kill switches to replay (e.g. "what if we had halted on the crash day"): at the end of the first
   * bar time >= `ts`, the risk engine halts trading, every open order is canceled and, with `flatten`, every
   * position is closed by market orders (which fill by the fill-timing rule).
   */
  readonly killSwitches?: readonly (KillSwitchRequest & { readonly ts: number })[];
  readonly onLog?: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
}

export interface BacktestEngineResult {
  readonly equity: EquityCurve;
  readonly fills: readonly Fill[];
  readonly fillReports: readonly FillReport[];
  readonly trades: readonly TradeRecord[];
  /** SHA-256 of the fills (ids, sides, quantities, prices, commissions, times): equal runs, equal hash. */
  readonly tradesHash: string;
  readonly ambiguities: readonly AmbiguousExit[];
  readonly lookAheadFills: number;
  readonly finalEquity: number;
  /** finalEquity - startingCash: realized and unrealized P&L net of fees. */
  readonly netPnl: number;
  readonly fees: number;
  readonly slippage: number;
  readonly tradedNotional: number;
  readonly events: number;
  /** Orders the risk engine denied (each an OrderDenied event to the strategy). */
  readonly deniedOrders: number;
}

/**
 * Runs one strategy over bar series, event by event: for each bar (in completion-time order) the simulated
 * exchange first matches working orders against it (so an order decided on an earlier bar fills here, per the
 * fill-timing rule), the portfolio marks the instrument at the close, then the strategy sees the bar and may
 * send orders. Equity is recorded once per distinct bar time. Deterministic: ids come from counters and
 * nothing reads the wall clock, so the same inputs give bit-identical fills.
 */
export function runBacktestEngine(config: BacktestEngineConfig): BacktestEngineResult {
  if (config.series.length === 0) throw new InvalidInputError('a backtest needs at least one bar series');
  const data = new DataEngine(config.series);
  if (data.length === 0) throw new InvalidInputError('the bar series are empty: nothing to backtest');
  // Checked once here, so the per-bar path (exchange, portfolio marks) can trust every bar.
  for (const s of config.series) {
    const problem = findBarSeriesProblem(s);
    if (problem !== null) throw new InvalidInputError(problem);
  }
  const instrumentIds = config.series.map((s) => instrumentId(s.symbol));
  const bySymbol = new Map<string, InstrumentId>(
    config.series.map((s, i) => [s.symbol, instrumentIds[i] as InstrumentId]),
  );
  const account = createAccount({
    id: accountId('BACKTEST'),
    currency: config.currency ?? 'USD',
    startingCash: config.startingCash,
    maxLeverage: config.maxLeverage ?? 1,
  });
  if (!account.ok) throw account.error;

  const clock = new SimulatedClock(config.series.reduce((min, s) => Math.min(min, s.firstTs), Infinity));
  const bus = new MessageBus();
  const portfolio = new Portfolio(account.value);
  const slots = Int32Array.from(instrumentIds, (id) => portfolio.slot(id));
  const ledger = new TradeLedger();
  const fills: Fill[] = [];
  let fillSequence = 0;
  const exchange = new SimulatedExchange(config.exchange, (event) => bus.publish(event), {
    nextFillId: () => fillId(`F-${++fillSequence}`),
  });

  const subscribed = new Uint8Array(config.series.length);
  const onSubscribe = (symbol: string, timeframe: Timeframe): void => {
    let found = false;
    config.series.forEach((s, i) => {
      if (s.symbol === symbol && s.timeframe === timeframe) {
        subscribed[i] = 1;
        found = true;
      }
    });
    if (!found) {
      throw new InvalidInputError(
        `strategy subscribed to ${quote(`${symbol} ${timeframe}`)}, which the backtest data does not have`,
      );
    }
  };
  const risk = config.risk ?? new RiskEngine();
  const riskView = new BacktestRiskView({
    clock,
    portfolio,
    exchange,
    series: config.series,
    instrumentIds,
    ...(config.exchange.instruments === undefined ? {} : { instruments: config.exchange.instruments }),
  });
  // Equity-watching rules and monitoring need a look at every bar time; a rule-free engine does not.
  const watchRisk = risk.ruleNames.length > 0 || risk.config.autoReduce;
  const context = new EngineContext({
    clock,
    exchange,
    portfolio,
    risk,
    riskView,
    onDenied: (event) => bus.publish(event),
    instruments: bySymbol,
    strategyId: strategyId(config.strategy.name),
    onSubscribe,
    onLog: config.onLog ?? (() => undefined),
  });

  const capacity = data.length;
  const ts = new Float64Array(capacity);
  const equity = new Float64Array(capacity);
  const cash = new Float64Array(capacity);
  const gross = new Float64Array(capacity);
  let rows = 0;
  let currentTs = Number.NaN;
  let tradedNotional = 0;
  const strategy = config.strategy;

  bus.subscribe('OrderFilled', (event) => {
    const fill = event.fill;
    fills.push(fill);
    portfolio.applyFill(fill);
    tradedNotional += fill.quantity * fill.price;
    const report = exchange.fillReports.at(-1);
    ledger.record(fill, rows, report?.fillId === fill.id ? report.slippageCost : 0);
    strategy.onOrderFilled(event);
  });
  bus.subscribe('OrderCanceled', (event) => strategy.onOrderCanceled(event));
  bus.subscribe('OrderExpired', (event) =>
    strategy.onOrderCanceled({ ...event, type: 'OrderCanceled', reason: 'expired' }),
  );
  bus.subscribe('OrderRejected', (event) => strategy.onOrderRejected(event));
  bus.subscribe('OrderDenied', (event) => strategy.onOrderRejected(event));

  const recordRow = (): void => {
    ts[rows] = currentTs;
    equity[rows] = portfolio.equity;
    cash[rows] = portfolio.cash;
    gross[rows] = portfolio.grossExposure;
    rows++;
    if (nextKill < killSwitches.length) engageDueKillSwitches();
    if (watchRisk) watch();
  };
  // At each bar time's end: the equity for daily-loss / drawdown rules, then monitoring; reductions it
  // proposes go out as market orders (they fill by the fill-timing rule, like any decision at this close).
  const killSwitches = [...(config.killSwitches ?? [])].sort((a, b) => a.ts - b.ts);
  let nextKill = 0;
  const engageDueKillSwitches = (): void => {
    while (nextKill < killSwitches.length && (killSwitches[nextKill]?.ts ?? Infinity) <= currentTs) {
      const request = killSwitches[nextKill++] as KillSwitchRequest;
      const plan = risk.engageKillSwitch(request, riskView);
      for (const id of plan.cancel) exchange.cancel(id, currentTs);
      for (const order of plan.flatten) {
        context.submitChecked(
          {
            symbol: order.instrumentId,
            side: order.side,
            type: 'market',
            quantity: order.quantity,
            timeInForce: 'gtc',
          },
          'kill-switch',
        );
      }
    }
  };
  const watch = (): void => {
    risk.observe(portfolio.equity, currentTs);
    for (const reduce of risk.evaluate(riskView).reduceOrders) {
      context.submitChecked(
        {
          symbol: reduce.instrumentId,
          side: reduce.side,
          type: 'market',
          quantity: reduce.quantity,
          timeInForce: 'gtc',
        },
        'auto-reduce',
      );
    }
  };

  strategy.start(context);
  const view = data.view;
  const bar: { -readonly [K in keyof ExchangeBar]: ExchangeBar[K] } = {
    instrumentId: instrumentIds[0] as InstrumentId,
    tsEvent: 0,
    tsClose: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  while (data.next()) {
    if (view.tsClose !== currentTs) {
      if (!Number.isNaN(currentTs)) recordRow();
      currentTs = view.tsClose;
      clock.advanceTo(currentTs);
    }
    const id = instrumentIds[view.seriesIndex] as InstrumentId;
    bar.instrumentId = id;
    bar.tsEvent = view.tsEvent;
    bar.tsClose = view.tsClose;
    bar.open = view.open;
    bar.high = view.high;
    bar.low = view.low;
    bar.close = view.close;
    bar.volume = view.volume;
    riskView.advance(view.seriesIndex, view.barIndex);
    exchange.processCheckedBar(bar);
    const slot = slots[view.seriesIndex] as number;
    portfolio.markSlot(slot, view.close);
    if (subscribed[view.seriesIndex] === 1) {
      const fillsBefore = fills.length;
      strategy.onBar(view);
      // A same-bar-close fill (fill timing `close`) books at its slipped price; the bar's close stays the mark.
      if (fills.length !== fillsBefore) portfolio.markSlot(slot, view.close);
    }
  }
  recordRow();
  strategy.onStop();

  const lastRow = rows - 1;
  const trades = ledger.trades((id) => portfolio.markPrice(id), currentTs, lastRow);
  const finalEquity = portfolio.equity;
  return {
    equity: {
      ts: trim(ts, rows),
      equity: trim(equity, rows),
      cash: trim(cash, rows),
      grossExposure: trim(gross, rows),
    },
    fills,
    fillReports: exchange.fillReports,
    trades,
    tradesHash: hashFills(fills),
    ambiguities: exchange.ambiguities,
    lookAheadFills: exchange.lookAheadFills,
    finalEquity,
    netPnl: finalEquity - config.startingCash,
    fees: portfolio.totalFees,
    slippage: exchange.fillReports.reduce((sum, r) => sum + r.slippageCost, 0),
    tradedNotional,
    events: bus.count,
    deniedOrders: context.denied,
  };
}

/** The first `rows` values: the array itself when full (one symbol: one row per bar), else a copy. */
function trim(values: Float64Array, rows: number): Float64Array {
  return rows === values.length ? values : values.slice(0, rows);
}

/**
 * SHA-256 over the fills in fill order: first each fill's identity as text (`id|orderId|instrumentId|side`,
 * one line per fill), then its numbers (quantity, price, commission, tsEvent) as little-endian float64 bits,
 * so equal hashes mean bit-identical numbers and no time goes into formatting them.
 */
export function hashFills(fills: readonly Fill[]): string {
  const hash = createHash('sha256');
  const numbers = new Float64Array(fills.length * 4);
  let identities = '';
  fills.forEach((f, i) => {
    identities += `${f.id}|${f.orderId}|${f.instrumentId}|${f.side}\n`;
    numbers[i * 4] = f.quantity;
    numbers[i * 4 + 1] = f.price;
    numbers[i * 4 + 2] = f.commission;
    numbers[i * 4 + 3] = f.tsEvent;
  });
  hash.update(identities);
  const bytes = Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
  // Float64Array uses the platform's byte order; hash little-endian everywhere.
  if (!LITTLE_ENDIAN) bytes.swap64();
  hash.update(bytes);
  return hash.digest('hex');
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
