import { z } from 'zod';
import { IllegalStateError, quote } from '../../core/errors.js';
import { orderId, type ClientOrderId, type OrderId } from '../../core/ids.js';
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
import { resolveAlpacaConfig, type AlpacaConfig, type ResolvedAlpacaConfig } from './alpaca-config.js';
import {
  accountFromAlpaca,
  changesToAlpaca,
  fillFromActivity,
  orderRequestToAlpaca,
  ordersFromAlpaca,
  positionFromAlpaca,
} from './alpaca-convert.js';
import { AlpacaApiError, isDuplicateClientOrderId } from './alpaca-error.js';
import { AlpacaRestClient, backoffMs } from './alpaca-rest-client.js';
import {
  alpacaAccountSchema,
  alpacaFillActivitySchema,
  alpacaOrderSchema,
  alpacaPositionSchema,
  type AlpacaOrder,
} from './alpaca-schemas.js';
import { AlpacaTradingStream } from './alpaca-trading-stream.js';

const ordersSchema = z.array(alpacaOrderSchema);
const ACTIVITY_PAGE = 100;
const LEGGED = ['bracket', 'oco', 'oto'];

/**
 * The ExecutionClient port over Alpaca's Trading API v2 and its trade_updates stream. `live` is true only
 * for api.alpaca.markets. Orders are never lost or doubled on a bad network: a submission that got a
 * definite answer (any 4xx) is never sent again; one that got no answer, a 5xx or a 429 is resolved by
 * looking the order up by its client_order_id, and only sent again when Alpaca does not have it (Alpaca
 * refuses a second order with the same client_order_id, which the client then resolves to the first).
 * Reads and cancels are retried with backoff on retryable failures.
 *
 * Alpaca's flat order objects do not name their parent: the client learns each exit leg's parent from the
 * nested views (legs under their entry) it fetches, and asks for one when a list holds a legged order whose
 * parent it has not seen.
 */
export class AlpacaExecutionClient implements ExecutionClient {
  readonly name = 'alpaca';
  readonly live: boolean;
  private readonly config: ResolvedAlpacaConfig;
  private readonly rest: AlpacaRestClient;
  private readonly parents = new Map<string, OrderId>();
  private readonly clientIds = new Map<string, string>();

  constructor(config: AlpacaConfig) {
    this.config = resolveAlpacaConfig(config);
    this.live = this.config.live;
    this.rest = new AlpacaRestClient(this.config.baseUrl, this.config);
  }

  async submitOrder(request: BrokerOrderRequest): Promise<Order> {
    const body = orderRequestToAlpaca(request);
    for (let attempt = 1; ; attempt++) {
      try {
        return this.learn(await this.call('POST', '/v2/orders', alpacaOrderSchema, { body, retry: false }));
      } catch (error) {
        if (isDuplicateClientOrderId(error)) {
          const existing = await this.getOrderByClientId(request.clientOrderId);
          if (existing !== null) return existing;
          throw error;
        }
        if (!(error instanceof AlpacaApiError) || !error.retryable) throw error;
        // No definite answer: the order may exist. Look before sending it again.
        const existing = await this.getOrderByClientId(request.clientOrderId).catch(() => null);
        if (existing !== null) return existing;
        if (attempt >= this.config.retry.maxAttempts) throw error;
        await this.config.sleep(
          Math.max(error.retryAfterMs ?? 0, backoffMs(this.config.retry, attempt, this.config.random)),
        );
      }
    }
  }

  /**
   * Retried on retryable failures. A 422 means the order cannot be canceled: an IllegalStateError naming its
   * status, unless this was a retry and the order is canceled (the first attempt took effect unanswered).
   */
  async cancelOrder(id: OrderId): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.rest.request('DELETE', `/v2/orders/${encodeURIComponent(id)}`, { retry: false });
        return;
      } catch (error) {
        if (!(error instanceof AlpacaApiError)) throw error;
        if (error.status === 422) {
          const order = await this.getOrder(id);
          const canceled = order?.status === 'canceled' || order?.status === 'pending_cancel';
          if (attempt > 1 && canceled) return;
          throw new IllegalStateError(
            `order ${quote(id)} is ${order?.status ?? 'unknown'}: it cannot be canceled`,
            {
              cause: error,
            },
          );
        }
        if (!error.retryable || attempt >= this.config.retry.maxAttempts) throw error;
        await this.config.sleep(
          Math.max(error.retryAfterMs ?? 0, backoffMs(this.config.retry, attempt, this.config.random)),
        );
      }
    }
  }

  async replaceOrder(id: OrderId, changes: OrderChanges): Promise<Order> {
    try {
      const wire = await this.call('PATCH', `/v2/orders/${encodeURIComponent(id)}`, alpacaOrderSchema, {
        body: changesToAlpaca(changes),
        retry: false,
      });
      return this.learn(wire);
    } catch (error) {
      if (!(error instanceof AlpacaApiError)) throw error;
      const original = await this.getOrder(id).catch(() => null);
      if (error.retryable && original?.status === 'replaced') {
        // The replace took effect but its answer was lost: the replacement is the answer.
        const replacement = await this.findReplacement(id);
        if (replacement !== null) return replacement;
      }
      if (error.status === 422 && original !== null && isTerminal(original.status)) {
        throw new IllegalStateError(`order ${quote(id)} is ${original.status}: it cannot be replaced`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async getOrder(id: OrderId): Promise<Order | null> {
    return this.orNull(async () =>
      this.learn(
        await this.call('GET', `/v2/orders/${encodeURIComponent(id)}`, alpacaOrderSchema, {
          query: { nested: true },
        }),
      ),
    );
  }

  async getOrderByClientId(clientOrderId: ClientOrderId): Promise<Order | null> {
    return this.orNull(async () =>
      this.learn(
        await this.call('GET', '/v2/orders:by_client_order_id', alpacaOrderSchema, {
          query: { client_order_id: clientOrderId, nested: true },
        }),
      ),
    );
  }

  /** Newest first at Alpaca, `limit` of them; returned oldest first (by submission). */
  async listOrders(filter: OrderListFilter): Promise<Order[]> {
    const query = {
      status: filter.status,
      limit: filter.limit ?? 500,
      direction: 'desc',
      nested: false,
      after: filter.after === undefined ? undefined : new Date(filter.after).toISOString(),
      symbols: filter.symbols?.join(','),
    };
    const wire = await this.call('GET', '/v2/orders', ordersSchema, { query });
    if (wire.some((o) => LEGGED.includes(o.order_class ?? '') && !this.parents.has(o.id)))
      await this.learnLegs();
    // Reversed first, so orders submitted at the same millisecond keep Alpaca's order (the sort is stable).
    return [...wire]
      .reverse()
      .flatMap((o) => ordersFromAlpaca(o, this.parents.get(o.id) ?? null))
      .sort((a, b) => a.tsInit - b.tsInit);
  }

  async listFills(after: number): Promise<Fill[]> {
    const fills: Fill[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const page = await this.call('GET', '/v2/account/activities/FILL', z.array(alpacaFillActivitySchema), {
        query: {
          after: Number.isFinite(after) ? new Date(after).toISOString() : undefined,
          direction: 'asc',
          page_size: ACTIVITY_PAGE,
          page_token: pageToken,
        },
      });
      for (const activity of page)
        fills.push(fillFromActivity(activity, await this.clientIdOf(activity.order_id)));
      const last = page.at(-1);
      if (page.length < ACTIVITY_PAGE || last === undefined) break;
      pageToken = last.id;
    }
    return fills.filter((fill) => fill.tsEvent > after);
  }

  async listPositions(): Promise<BrokerPosition[]> {
    return (await this.call('GET', '/v2/positions', z.array(alpacaPositionSchema))).map(positionFromAlpaca);
  }

  async getAccount(): Promise<BrokerAccount> {
    return accountFromAlpaca(await this.call('GET', '/v2/account', alpacaAccountSchema));
  }

  async closePosition(symbol: string): Promise<Order> {
    const path = `/v2/positions/${encodeURIComponent(symbol)}`;
    return this.learn(await this.call('DELETE', path, alpacaOrderSchema, { retry: false }));
  }

  async subscribeTradeUpdates(handler: (update: TradeUpdate) => void): Promise<TradeUpdateSubscription> {
    const stream = new AlpacaTradingStream(this.config, {
      onUpdate: (update) => {
        this.clientIds.set(update.order.id, update.order.clientOrderId);
        handler(update);
      },
      onError: () => undefined, // The stream reconnects by itself; missed events come back through reconciliation.
      parentOf: (id) => this.parents.get(id) ?? null,
    });
    await stream.start();
    return { close: () => stream.close() };
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: z.ZodType<T>,
    options: {
      query?: Record<string, string | number | boolean | undefined>;
      body?: unknown;
      retry?: boolean;
    } = {},
  ): Promise<T> {
    return (await this.rest.request(method, path, { ...options, schema, retry: options.retry ?? true })) as T;
  }

  /** Converts an order (legs included) and remembers its legs' parent and its client order id. */
  private learn(wire: AlpacaOrder): Order {
    const orders = ordersFromAlpaca(wire, this.parents.get(wire.id) ?? null);
    for (const order of orders) {
      if (order.parentId !== null) this.parents.set(order.id, order.parentId);
      this.clientIds.set(order.id, order.clientOrderId);
    }
    return orders[0] as Order;
  }

  /** Reads the recent orders with their legs nested, to learn which order each leg belongs to. */
  private async learnLegs(): Promise<void> {
    const nested = await this.call('GET', '/v2/orders', ordersSchema, {
      query: { status: 'all', limit: 500, nested: true },
    });
    for (const wire of nested) this.learn(wire);
  }

  private async findReplacement(id: OrderId): Promise<Order | null> {
    const recent = await this.call('GET', '/v2/orders', ordersSchema, {
      query: { status: 'all', limit: 500 },
    });
    const wire = recent.find((o) => o.replaces === id);
    return wire === undefined ? null : this.learn(wire);
  }

  private async clientIdOf(id: string): Promise<string> {
    const known = this.clientIds.get(id);
    if (known !== undefined) return known;
    return (await this.getOrder(orderId(id)))?.clientOrderId ?? id;
  }

  private async orNull(read: () => Promise<Order>): Promise<Order | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof AlpacaApiError && error.status === 404) return null;
      throw error;
    }
  }
}
