import type { InstrumentId } from '../../core/ids.js';
import { roundToLot } from '../../model/instrument.js';
import type { Fill, Order } from '../../model/order.types.js';
import type { FillReport, SimulatedExchangeConfig } from './exchange.types.js';
import type { FeeModel } from './fees.js';
import type { Match } from './order-matching.js';
import type { SlippageModel } from './slippage.js';
import type { WorkingOrder } from './working-order.js';

/** The bar a fill trades on, as far as pricing needs it. */
export interface PricingBar {
  low: number;
  high: number;
  volume: number;
}

/**
 * The fill price for a match: taker fills are worsened by the slippage model, maker fills trade at the
 * reference price. The result is clamped to the bar's [low, high], then, for limit and stop_limit orders, to
 * the limit (a buy never pays above it, a sell never receives below it). The reference price already lies
 * in both ranges, so clamping only ever removes slippage, never improves on the reference.
 */
export function fillPrice(
  order: Order,
  match: Match,
  quantity: number,
  bar: PricingBar,
  slippage: SlippageModel,
): number {
  let price =
    match.liquidity === 'taker'
      ? slippage.slippedPrice({ side: order.side, price: match.price, quantity, barVolume: bar.volume })
      : match.price;
  price = Math.min(bar.high, Math.max(bar.low, price));
  const limit = order.limitPrice;
  if (limit !== null && (order.type === 'limit' || order.type === 'stop_limit')) {
    price = order.side === 'buy' ? Math.min(price, limit) : Math.max(price, limit);
  }
  return price;
}

/**
 * Adds a fill to the order's cumulative totals and returns its commission: the fee model's total after the
 * fill minus what the order has paid so far (never negative).
 */
export function chargeCommission(
  working: WorkingOrder,
  quantity: number,
  price: number,
  liquidity: 'maker' | 'taker',
  fees: FeeModel,
): number {
  const notional = quantity * price;
  working.fills += 1;
  if (liquidity === 'maker') working.makerNotional += notional;
  else working.takerNotional += notional;
  const total = fees.totalCommission({
    fills: working.fills,
    quantity: working.order.filledQuantity + quantity,
    notional: working.makerNotional + working.takerNotional,
    makerNotional: working.makerNotional,
    takerNotional: working.takerNotional,
  });
  const commission = Math.max(0, total - working.commission);
  working.commission += commission;
  return commission;
}

/** The report of a fill: its reference price and slippage cost beside the fill's own fields. */
export function fillReport(
  fill: Fill,
  referencePrice: number,
  barTsEvent: number,
  sameBarClose: boolean,
): FillReport {
  return {
    fillId: fill.id,
    orderId: fill.orderId,
    instrumentId: fill.instrumentId,
    side: fill.side,
    quantity: fill.quantity,
    referencePrice,
    price: fill.price,
    slippageCost: Math.abs(fill.price - referencePrice) * fill.quantity,
    commission: fill.commission,
    liquidity: fill.liquidity,
    tsEvent: fill.tsEvent,
    barTsEvent,
    sameBarClose,
  };
}

/**
 * How much one order may take on a bar: `maxParticipation * barVolume`, rounded down to whole lots when the
 * instrument is known; unlimited without a participation cap.
 */
export function participationCapacity(
  config: SimulatedExchangeConfig,
  instrumentId: InstrumentId,
  barVolume: number,
): number {
  const participation = config.maxParticipation;
  if (participation === undefined) return Number.POSITIVE_INFINITY;
  const cap = participation * barVolume;
  const lotSize = config.instruments?.get(instrumentId)?.lotSize;
  return lotSize === undefined ? cap : roundToLot(cap, lotSize);
}
