import { fillId, instrumentId, orderId } from '../../core/ids.js';
import { unwrap } from '../../core/result.js';
import type { OrderFilled, TradingEvent } from '../../model/events.types.js';
import { createOrder } from '../../model/order.js';
import type { Fill, Order, OrderRequest } from '../../model/order.types.js';
import type { ExchangeBar, SimulatedExchangeConfig } from './exchange.types.js';
import { noFees } from './fees.js';
import { SimulatedExchange } from './simulated-exchange.js';
import { noSlippage } from './slippage.js';

/** Test helpers: hourly bars from 2024-01-02 00:00 UTC, an exchange that records its events. */
export const AAA = instrumentId('AAA');
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 2);

export interface BarPrices {
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v?: number;
}

/** Bar `index` of a series of `step`-ms bars starting at T0. */
export function bar(index: number, prices: BarPrices, step = HOUR, instrument = AAA): ExchangeBar {
  const tsEvent = T0 + index * step;
  return {
    instrumentId: instrument,
    tsEvent,
    tsClose: tsEvent + step,
    open: prices.o,
    high: prices.h,
    low: prices.l,
    close: prices.c,
    volume: prices.v ?? 1_000_000,
  };
}

/** The close time of bar `index`: when a strategy deciding on that bar submits. */
export function closeOf(index: number, step = HOUR): number {
  return T0 + (index + 1) * step;
}

export function makeOrder(
  request: Partial<OrderRequest> & Pick<OrderRequest, 'type'>,
  id = 'O1',
  ts = T0,
): Order {
  return unwrap(
    createOrder({ instrumentId: AAA, side: 'buy', quantity: 100, ...request }, { id: orderId(id) }, ts),
  );
}

export function makeExchange(config: Partial<SimulatedExchangeConfig> = {}) {
  const events: TradingEvent[] = [];
  let next = 0;
  const exchange = new SimulatedExchange(
    { fillTiming: 'next-open', slippage: noSlippage, fees: noFees, ...config },
    (event) => events.push(event),
    { nextFillId: () => fillId(`F${++next}`) },
  );
  const filled = (): OrderFilled[] =>
    events.filter((event): event is OrderFilled => event.type === 'OrderFilled');
  return {
    exchange,
    events,
    fills: (): Fill[] => filled().map((event) => event.fill),
    filled,
    types: (): string[] => events.map((event) => event.type),
    eventsOf: (id: string): TradingEvent[] =>
      events.filter(
        (event) =>
          ('orderId' in event ? event.orderId : event.type === 'OrderInitialized' ? event.order.id : null) ===
          id,
      ),
  };
}
