import type { ClientOrderId, OrderId } from '../../core/ids.js';
import type {
  BrokerAccount,
  BrokerOrderRequest,
  BrokerPosition,
  ExecutionClient,
  OrderListFilter,
  TradeUpdate,
  TradeUpdateSubscription,
} from '../../engine/execution-client.types.js';
import { isTerminal } from '../../model/order-status.js';
import type { OrderChanges } from '../../model/order.js';
import type { Fill, Order } from '../../model/order.types.js';
import { brokerPositions } from './broker-positions.js';
import type { PaperVenue } from './paper-venue.js';

const DEFAULT_LIST_LIMIT = 500;

/** Runs a synchronous venue call as the port's promise: a thrown error becomes a rejection. */
function attempt<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * The ExecutionClient port over a PaperVenue: the paper broker as strategies and the order manager see it.
 * Never live. Failures reject with the venue's typed errors (InvalidInputError for a bad order or one the
 * account cannot carry, NotFoundError, IllegalStateError for a finished order).
 */
export class PaperExecutionClient implements ExecutionClient {
  readonly name = 'paper';
  readonly live = false;

  constructor(private readonly venue: PaperVenue) {}

  submitOrder(request: BrokerOrderRequest): Promise<Order> {
    return attempt(() => this.venue.submit(request));
  }

  cancelOrder(id: OrderId): Promise<void> {
    return attempt(() => this.venue.cancel(id));
  }

  replaceOrder(id: OrderId, changes: OrderChanges): Promise<Order> {
    return attempt(() => this.venue.replace(id, changes));
  }

  getOrder(id: OrderId): Promise<Order | null> {
    return Promise.resolve(this.venue.orders.get(id));
  }

  getOrderByClientId(clientOrderId: ClientOrderId): Promise<Order | null> {
    return Promise.resolve(this.venue.getByClientId(clientOrderId));
  }

  /** Orders in submission order; `limit` keeps the most recent ones. */
  listOrders(filter: OrderListFilter): Promise<Order[]> {
    const symbols = filter.symbols === undefined ? null : new Set(filter.symbols);
    const matches = [...this.venue.orders.all()].filter((order) => {
      if (filter.status === 'open' && isTerminal(order.status)) return false;
      if (filter.status === 'closed' && !isTerminal(order.status)) return false;
      if (filter.after !== undefined && !(order.tsInit > filter.after)) return false;
      return symbols === null || symbols.has(order.instrumentId);
    });
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    return Promise.resolve(matches.slice(Math.max(0, matches.length - limit)));
  }

  listFills(after: number): Promise<Fill[]> {
    return Promise.resolve(this.venue.orders.executions(after).map((record) => record.fill));
  }

  listPositions(): Promise<BrokerPosition[]> {
    return Promise.resolve(brokerPositions(this.venue.book));
  }

  getAccount(): Promise<BrokerAccount> {
    const account = this.venue.book.account();
    return Promise.resolve({
      id: account.id,
      currency: account.currency,
      cash: account.cash,
      equity: account.equity,
      buyingPower: account.buyingPower,
      status: 'ACTIVE',
      tradingBlocked: false,
    });
  }

  closePosition(symbol: string): Promise<Order> {
    return attempt(() => this.venue.closePosition(symbol));
  }

  subscribeTradeUpdates(handler: (update: TradeUpdate) => void): Promise<TradeUpdateSubscription> {
    const unsubscribe = this.venue.subscribe((update) =>
      handler({ event: update.event, order: update.order, fill: update.fill, tsEvent: update.tsEvent }),
    );
    return Promise.resolve({
      close: () => {
        unsubscribe();
        return Promise.resolve();
      },
    });
  }
}
