import type { InstrumentId } from '../../core/ids.js';
import type { Instrument } from '../../model/instrument.js';
import type { Order } from '../../model/order.types.js';
import type { AccountState, Position } from '../../model/position.types.js';

/**
 * What a pre-trade rule may read, implemented by whatever runs orders (the backtest engine, the paper and live
 * nodes). Everything is as of `now()`; the risk engine never changes it. Calls should not allocate on the
 * order path where avoidable: rules call `position`, `lastPrice` and `account` once per check, `positions`
 * and `openOrders` once per check (or once per portfolio change, see PortfolioSnapshot), `closes` and
 * `instrument` only when a cached value is missing.
 */
export interface RiskView {
  /** Epoch ms of the view (the engine clock). */
  now(): number;
  /** The account marked at the current prices: cash, equity, grossExposure, leverage, maxLeverage. */
  account(): AccountState;
  /** The net position, or null when the instrument was never traded. */
  position(instrumentId: InstrumentId): Position | null;
  /** Every position (flat ones may be included; they are ignored). */
  positions(): readonly Position[];
  /** The last traded / mark price, or null when none is known yet. */
  lastPrice(instrumentId: InstrumentId): number | null;
  /** Orders sent and not yet in a terminal status (every strategy's, every instrument's). */
  openOrders(): readonly Order[];
  /**
   * Closing prices up to now, oldest first, one per bar of the series the engine trades (daily in the usual
   * case); null when none. Rules take returns over the tail of these (the last N closes of every instrument
   * are taken to be the same bars, which holds when the engine steps all instruments on one bar clock).
   */
  closes(instrumentId: InstrumentId): Float64Array | null;
  /** The instrument's static data (lot and tick size, sector), or null when unknown. */
  instrument(instrumentId: InstrumentId): Instrument | null;
}
