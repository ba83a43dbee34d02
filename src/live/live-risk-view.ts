import type { Clock } from '../core/clock.js';
import type { InstrumentId } from '../core/ids.js';
import type { Portfolio } from '../engine/portfolio.js';
import { createInstrument, type Instrument } from '../model/instrument.js';
import type { Order } from '../model/order.types.js';
import type { AccountState, Position } from '../model/position.types.js';
import type { RiskView } from '../risk/pre-trade/risk-view.types.js';

/** Closes kept per instrument for the volatility / correlation rules: enough for a year of daily bars. */
const MAX_CLOSES = 512;

/**
 * The risk engine's view of a live or paper node: the account-wide portfolio (seeded from the broker's
 * positions, then moved by our fills), the last price of every bar seen, the closes seen so far (a bounded
 * window, grown in place and compacted when full) and the order manager's working orders.
 */
export class LiveRiskView implements RiskView {
  private readonly closeBuffers = new Map<InstrumentId, { values: Float64Array; length: number }>();
  private readonly last = new Map<InstrumentId, number>();
  private readonly defaults = new Map<InstrumentId, Instrument>();

  constructor(
    private readonly clock: Clock,
    private readonly portfolio: Portfolio,
    private readonly working: () => readonly Order[],
    private readonly instruments: ReadonlyMap<InstrumentId, Instrument> | null = null,
  ) {}

  /** A price known before any bar (the feed's latest trade at start-up). */
  setLastPrice(instrumentId: InstrumentId, price: number): void {
    this.last.set(instrumentId, price);
  }

  /** Records a bar's close (called by the node before strategies see the bar). */
  recordClose(instrumentId: InstrumentId, close: number): void {
    this.last.set(instrumentId, close);
    let buffer = this.closeBuffers.get(instrumentId);
    if (buffer === undefined) {
      buffer = { values: new Float64Array(MAX_CLOSES * 2), length: 0 };
      this.closeBuffers.set(instrumentId, buffer);
    }
    if (buffer.length === buffer.values.length) {
      buffer.values.copyWithin(0, buffer.length - MAX_CLOSES);
      buffer.length = MAX_CLOSES;
    }
    buffer.values[buffer.length++] = close;
  }

  now(): number {
    return this.clock.now();
  }

  account(): AccountState {
    return this.portfolio.account();
  }

  position(instrumentId: InstrumentId): Position | null {
    return this.portfolio.position(instrumentId);
  }

  positions(): readonly Position[] {
    return this.portfolio.positions();
  }

  lastPrice(instrumentId: InstrumentId): number | null {
    return this.last.get(instrumentId) ?? this.portfolio.markPrice(instrumentId);
  }

  openOrders(): readonly Order[] {
    return this.working();
  }

  closes(instrumentId: InstrumentId): Float64Array | null {
    const buffer = this.closeBuffers.get(instrumentId);
    if (buffer === undefined) return null;
    return buffer.values.subarray(Math.max(0, buffer.length - MAX_CLOSES), buffer.length);
  }

  /**
   * The venue's instrument; without a list from the venue (Alpaca), a US equity with the venue's defaults:
   * whole-share lots and a one-cent tick (createInstrument's defaults), cached per symbol.
   */
  instrument(instrumentId: InstrumentId): Instrument | null {
    if (this.instruments !== null) return this.instruments.get(instrumentId) ?? null;
    let instrument = this.defaults.get(instrumentId);
    if (instrument === undefined) {
      instrument = createInstrument({ symbol: instrumentId });
      this.defaults.set(instrumentId, instrument);
    }
    return instrument;
  }
}
