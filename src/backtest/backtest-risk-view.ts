import type { Clock } from '../core/clock.js';
import type { InstrumentId } from '../core/ids.js';
import type { BarSeries } from '../data/bar-series.js';
import type { Portfolio } from '../engine/portfolio.js';
import type { Instrument } from '../model/instrument.js';
import type { Order } from '../model/order.types.js';
import type { AccountState, Position } from '../model/position.types.js';
import type { RiskView } from '../risk/pre-trade/risk-view.types.js';
import type { SimulatedExchange } from './exchange/simulated-exchange.js';

export interface BacktestRiskViewDeps {
  readonly clock: Clock;
  readonly portfolio: Portfolio;
  readonly exchange: SimulatedExchange;
  readonly series: readonly BarSeries[];
  /** Instrument of each series (same order). */
  readonly instrumentIds: readonly InstrumentId[];
  readonly instruments?: ReadonlyMap<InstrumentId, Instrument>;
}

/**
 * The risk engine's view of a backtest as of the current bar: the portfolio, the exchange's working orders
 * and, per instrument, the closes of its first series (the order the series were given in) up to the bars
 * replayed so far — nothing later, so a rule can never look ahead.
 */
export class BacktestRiskView implements RiskView {
  private readonly primary = new Map<InstrumentId, number>();
  /** Bars of each series replayed so far. */
  private readonly seen: Int32Array;

  constructor(private readonly deps: BacktestRiskViewDeps) {
    deps.instrumentIds.forEach((id, s) => {
      if (!this.primary.has(id)) this.primary.set(id, s);
    });
    this.seen = new Int32Array(deps.series.length);
  }

  /** Called by the engine as each bar is replayed. */
  advance(seriesIndex: number, barIndex: number): void {
    this.seen[seriesIndex] = barIndex + 1;
  }

  now(): number {
    return this.deps.clock.now();
  }

  account(): AccountState {
    return this.deps.portfolio.account();
  }

  position(instrumentId: InstrumentId): Position | null {
    return this.deps.portfolio.position(instrumentId);
  }

  positions(): readonly Position[] {
    return this.deps.portfolio.positions();
  }

  lastPrice(instrumentId: InstrumentId): number | null {
    const s = this.primary.get(instrumentId);
    if (s === undefined) return null;
    const n = this.seen[s] as number;
    return n === 0 ? null : ((this.deps.series[s] as BarSeries).close[n - 1] as number);
  }

  openOrders(): readonly Order[] {
    return this.deps.exchange.openOrders();
  }

  closes(instrumentId: InstrumentId): Float64Array | null {
    const s = this.primary.get(instrumentId);
    if (s === undefined) return null;
    const n = this.seen[s] as number;
    return n === 0 ? null : (this.deps.series[s] as BarSeries).close.subarray(0, n);
  }

  instrument(instrumentId: InstrumentId): Instrument | null {
    return this.deps.instruments?.get(instrumentId) ?? null;
  }
}
