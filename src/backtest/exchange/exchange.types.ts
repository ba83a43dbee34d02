import type { FillId, InstrumentId, OrderId } from '../../core/ids.js';
import type { Instrument } from '../../model/instrument.js';
import type { OrderSide } from '../../model/order.types.js';
import type { FillTiming } from '../backtest.types.js';
import type { FeeModel } from './fees.js';
import type { SlippageModel } from './slippage.js';

/**
 * One OHLCV bar as the exchange sees it. `tsEvent` is the bar's open time, `tsClose` the time the bar is
 * complete (the next bar's open for contiguous bars); both epoch ms. The exchange copies the fields it keeps,
 * so the caller may hand it a reused view.
 */
export interface ExchangeBar {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly tsClose: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface SimulatedExchangeConfig {
  /** When an order decided on bar t first trades: see FillTiming and SimulatedExchange. */
  readonly fillTiming: FillTiming;
  readonly slippage: SlippageModel;
  readonly fees: FeeModel;
  /**
   * Largest fraction of a bar's volume one order may take on that bar, in (0, 1]; the remainder keeps
   * working (partial fills). Absent: no cap, the bar's volume is ignored.
   */
  readonly maxParticipation?: number;
  /** An order submitted at ts is eligible only for bars with tsEvent >= ts + latencyMs. Default 0. */
  readonly latencyMs?: number;
  /**
   * Known instruments. When given, orders for other instruments are rejected and participation-capped
   * quantities are rounded down to whole lots (`lotSize`).
   */
  readonly instruments?: ReadonlyMap<InstrumentId, Instrument>;
}

/** Ids the exchange needs from its owner, so ids stay deterministic across runs. */
export interface ExchangeIds {
  nextFillId(): FillId;
}

/**
 * What a fill cost beyond its commission, recorded for every fill before its OrderFilled event is emitted,
 * so a handler can read `exchange.fillReports.at(-1)`.
 */
export interface FillReport {
  readonly fillId: FillId;
  readonly orderId: OrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  /** The price before slippage: where the intrabar path met the order. */
  readonly referencePrice: number;
  /** The fill price: referencePrice worsened by slippage, clamped to the bar's [low, high] (and the limit). */
  readonly price: number;
  /** `|price - referencePrice| * quantity`, >= 0: what slippage cost this fill. */
  readonly slippageCost: number;
  readonly commission: number;
  readonly liquidity: 'maker' | 'taker';
  readonly tsEvent: number;
  /** tsEvent of the bar the fill traded on. */
  readonly barTsEvent: number;
  /**
   * True for fills made by `close` timing at the close of the bar the decision was made on: the decision
   * already knew that price, so reports flag these as look-ahead-prone.
   */
  readonly sameBarClose: boolean;
}

/**
 * A bar on which both legs of an OCO pair (a bracket's take-profit and stop-loss, or a user's OCO) were
 * reachable after the pair was active, so which one traded depends on the assumed intrabar path. The chosen
 * leg filled; had the other filled instead, at its price for the same quantity, the exit's P&L would change
 * by `alternativePnlChange`. Best case P&L = actual + max(0, change); worst case = actual + min(0, change).
 */
export interface AmbiguousExit {
  /** [the leg that filled, the leg that was canceled]. */
  readonly orderIds: readonly [OrderId, OrderId];
  readonly fillId: FillId;
  /** tsEvent of the bar. */
  readonly ts: number;
  readonly chosen: 'target' | 'stop';
  readonly side: OrderSide;
  readonly quantity: number;
  /** Reference (unslipped) price of the chosen leg's fill. */
  readonly price: number;
  /** Reference price the other leg would have filled at. */
  readonly alternativePrice: number;
  /** `(alternativePrice - price) * quantity` for a sell exit, `(price - alternativePrice) * quantity` for a buy. */
  readonly alternativePnlChange: number;
}
