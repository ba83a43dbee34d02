import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeuralTraderError } from '../../src/core/errors.js';
import { clientOrderId, instrumentId, orderId, type ClientOrderId } from '../../src/core/ids.js';
import type {
  BrokerOrderRequest,
  ExecutionClient,
  TradeUpdate,
  TradeUpdateSubscription,
} from '../../src/engine/execution-client.types.js';
import type { Order } from '../../src/model/order.types.js';
import { ACME_LAST_CLOSE, STARTING_CASH, waitFor } from './contract-market.js';

/** An ExecutionClient on the contract market (contract-market.ts), with a way to replay the next bar. */
export interface ExecutionHarness {
  readonly client: ExecutionClient;
  /** Replays the next bar of every symbol; resolves once the client's REST view reflects it. */
  advance(): Promise<void>;
  close(): Promise<void>;
}

const ACME = instrumentId('ACME');
let sequence = 0;

function request(fields: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest {
  sequence += 1;
  return {
    instrumentId: ACME,
    side: 'buy',
    type: 'market',
    quantity: 10,
    timeInForce: 'gtc',
    clientOrderId: clientOrderId(`contract-${process.pid}-${Date.now()}-${sequence}`),
    ...fields,
  };
}

async function rejection(promise: Promise<unknown>): Promise<NeuralTraderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NeuralTraderError);
  return error as NeuralTraderError;
}

/**
 * The ExecutionClient contract (issue 9): every implementation (the paper broker, the Alpaca adapter against
 * the local Alpaca-compatible server) must pass it. Prices are worked out by hand from contract-market.ts
 * with the close fill timing: a market order fills at once at the last close (100.00); resting orders trade
 * on replayed bars along the intrabar path.
 */
export function executionClientContract(name: string, makeHarness: () => Promise<ExecutionHarness>): void {
  describe(`ExecutionClient contract: ${name}`, () => {
    let harness: ExecutionHarness;
    let client: ExecutionClient;
    let subscription: TradeUpdateSubscription;
    const updates: TradeUpdate[] = [];

    beforeEach(async () => {
      harness = await makeHarness();
      client = harness.client;
      updates.length = 0;
      subscription = await client.subscribeTradeUpdates((update) => updates.push(update));
    });
    afterEach(async () => {
      await subscription.close();
      await harness.close();
    });

    const settled = (id: string, status: Order['status']): Promise<Order> =>
      waitFor(async () => {
        const order = await client.getOrder(orderId(id));
        return order?.status === status ? order : undefined;
      });

    it('fills a market order at the last price and reports it on the stream and in listFills', async () => {
      const before = (await client.getAccount()).cash;
      const order = await client.submitOrder(request());
      const filled = await settled(order.id, 'filled');
      expect(filled.filledQuantity).toBe(10);
      expect(filled.averageFillPrice).toBeCloseTo(ACME_LAST_CLOSE, 9);
      const update = await waitFor(() => updates.find((u) => u.event === 'fill' && u.order.id === order.id));
      expect(update.fill?.price).toBeCloseTo(100, 9);
      expect(update.fill?.quantity).toBe(10);
      const fills = await client.listFills(0);
      const listed = fills.find((f) => f.orderId === order.id);
      expect(listed?.id).toBe(update.fill?.id);
      expect(listed?.clientOrderId).toBe(order.clientOrderId);
      expect(listed?.side).toBe('buy');
      expect(before).toBe(STARTING_CASH);
      expect((await client.getAccount()).cash).toBeCloseTo(STARTING_CASH - 1_000, 6);
    });

    it('works a limit order until a bar reaches it, then fills at the limit', async () => {
      const order = await client.submitOrder(request({ type: 'limit', limitPrice: 99.6 }));
      expect(order.status).toBe('accepted');
      expect(order.limitPrice).toBe(99.6);
      await harness.advance(); // b1 dips to 99.50
      const filled = await settled(order.id, 'filled');
      expect(filled.averageFillPrice).toBeCloseTo(99.6, 9);
    });

    it('triggers a stop order where the path crosses it', async () => {
      const order = await client.submitOrder(request({ type: 'stop', stopPrice: 101.2 }));
      await harness.advance(); // b1 tops at 101.00: not triggered
      expect((await client.getOrder(order.id))?.status).toBe('accepted');
      await harness.advance(); // b2 climbs from 100 to 102 through 101.20
      expect((await settled(order.id, 'filled')).averageFillPrice).toBeCloseTo(101.2, 9);
    });

    it('turns a triggered stop-limit into a limit order', async () => {
      const order = await client.submitOrder(
        request({ side: 'sell', type: 'stop_limit', stopPrice: 98.8, limitPrice: 98.6, quantity: 5 }),
      );
      for (let i = 0; i < 3; i++) await harness.advance(); // b3 falls from 101.8 to 98 through 98.80
      const filled = await settled(order.id, 'filled');
      expect(filled.averageFillPrice).toBeCloseTo(98.8, 9);
      const positions = await client.listPositions();
      expect(positions.find((p) => p.symbol === 'ACME')?.quantity).toBe(-5);
    });

    it('trails a stop behind the best price and fills where the price falls back to it', async () => {
      await settled((await client.submitOrder(request())).id, 'filled');
      const trailing = await client.submitOrder(
        request({ side: 'sell', type: 'trailing_stop', trailPrice: 1 }),
      );
      expect(trailing.trailPrice).toBe(1);
      await harness.advance(); // b1: the mark rises to 101, the stop to 100; the close 100.50 stays above
      expect((await client.getOrder(trailing.id))?.status).toBe('accepted');
      await harness.advance(); // b2 opens 100.50 and dips to 100.00: the stop
      expect((await settled(trailing.id, 'filled')).averageFillPrice).toBeCloseTo(100, 9);
    });

    it('never creates two orders for one clientOrderId', async () => {
      const first = request({ type: 'limit', limitPrice: 90 });
      const a = await client.submitOrder(first);
      const b = await client.submitOrder(first);
      expect(b.id).toBe(a.id);
      const all = await client.listOrders({ status: 'all' });
      expect(all.filter((o) => o.clientOrderId === first.clientOrderId)).toHaveLength(1);
      expect((await client.getOrderByClientId(first.clientOrderId))?.id).toBe(a.id);
      expect(await client.getOrderByClientId(clientOrderId('never-sent') as ClientOrderId)).toBeNull();
    });

    it('cancels a working order and refuses to cancel it twice or to cancel an unknown one', async () => {
      const order = await client.submitOrder(request({ type: 'limit', limitPrice: 90 }));
      await client.cancelOrder(order.id);
      expect((await settled(order.id, 'canceled')).filledQuantity).toBe(0);
      await waitFor(() => updates.find((u) => u.event === 'canceled' && u.order.id === order.id));
      expect((await rejection(client.cancelOrder(order.id))).code).toBe('ILLEGAL_STATE');
      expect((await rejection(client.cancelOrder(orderId('no-such-order')))).code).toBe('NOT_FOUND');
      expect(await client.getOrder(orderId('no-such-order'))).toBeNull();
    });

    it('replaces a working order by a new one carrying the changes', async () => {
      const order = await client.submitOrder(request({ type: 'limit', limitPrice: 90 }));
      const replacement = await client.replaceOrder(order.id, { limitPrice: 99.6, quantity: 5 });
      expect(replacement.id).not.toBe(order.id);
      expect(replacement.limitPrice).toBe(99.6);
      expect(replacement.quantity).toBe(5);
      expect((await client.getOrder(order.id))?.status).toBe('replaced');
      await harness.advance();
      const filled = await settled(replacement.id, 'filled');
      expect(filled.filledQuantity).toBe(5);
      expect(filled.averageFillPrice).toBeCloseTo(99.6, 9);
      expect((await rejection(client.replaceOrder(filled.id, { limitPrice: 95 }))).code).toBe(
        'ILLEGAL_STATE',
      );
    });

    it('lists orders by status and symbol, oldest first', async () => {
      const working = await client.submitOrder(request({ type: 'limit', limitPrice: 90 }));
      const done = await client.submitOrder(request());
      await settled(done.id, 'filled');
      const beta = await client.submitOrder(
        request({ instrumentId: instrumentId('BETA'), type: 'limit', limitPrice: 40 }),
      );
      const open = await client.listOrders({ status: 'open' });
      expect(open.map((o) => o.id)).toEqual([working.id, beta.id]);
      const closed = await client.listOrders({ status: 'closed' });
      expect(closed.map((o) => o.id)).toEqual([done.id]);
      const acme = await client.listOrders({ status: 'all', symbols: ['ACME'] });
      expect(acme.map((o) => o.id)).toEqual([working.id, done.id]);
      expect((await client.getOrder(beta.id))?.instrumentId).toBe('BETA');
    });

    it('keeps cash and positions consistent with the fills', async () => {
      await settled((await client.submitOrder(request({ quantity: 30 }))).id, 'filled'); // 30 @ 100
      await settled(
        (await client.submitOrder(request({ side: 'sell', quantity: 10, type: 'limit', limitPrice: 101.5 })))
          .id,
        'accepted',
      );
      await harness.advance(); // b1 tops at 101: the sell rests
      await harness.advance(); // b2 reaches 102: 10 sold at 101.50
      await waitFor(async () =>
        (await client.listOrders({ status: 'open' })).length === 0 ? true : undefined,
      );
      const fills = await client.listFills(0);
      const cashFlow = fills.reduce(
        (sum, f) => sum + (f.side === 'buy' ? -1 : 1) * f.quantity * f.price - f.commission,
        0,
      );
      expect(cashFlow).toBeCloseTo(-3_000 + 1_015, 6);
      const account = await client.getAccount();
      expect(account.cash).toBeCloseTo(STARTING_CASH + cashFlow, 6);
      const positions = await client.listPositions();
      expect(positions).toHaveLength(1);
      const acme = positions[0];
      expect(acme?.quantity).toBe(20);
      expect(acme?.averageEntryPrice).toBeCloseTo(100, 9);
      expect(acme?.currentPrice).toBeCloseTo(101.5, 9); // b2's close
      expect(acme?.marketValue).toBeCloseTo(20 * 101.5, 6);
      expect(acme?.unrealizedPnl).toBeCloseTo(20 * 1.5, 6);
      expect(account.equity).toBeCloseTo(account.cash + 20 * 101.5, 6);
      const closing = await client.closePosition('ACME');
      expect((await settled(closing.id, 'filled')).side).toBe('sell');
      expect(await client.listPositions()).toHaveLength(0);
      expect((await rejection(client.closePosition('ACME'))).code).toBe('NOT_FOUND');
    });

    it('rejects bad orders with a clear error and records nothing', async () => {
      const zero = await rejection(client.submitOrder(request({ quantity: 0 })));
      expect(zero.code).toBe('INVALID_INPUT');
      expect(zero.message).toMatch(/qty|quantity/);
      const noLimit = await rejection(client.submitOrder(request({ type: 'limit' })));
      expect(noLimit.code).toBe('INVALID_INPUT');
      expect(noLimit.message).toMatch(/limit/);
      const unknown = await rejection(client.submitOrder(request({ instrumentId: instrumentId('NOPE') })));
      expect(unknown.code).toBe('INVALID_INPUT');
      expect(unknown.message).toMatch(/NOPE/);
      const tooBig = await rejection(client.submitOrder(request({ quantity: 2_000 }))); // 200,000 > 100,000
      expect(tooBig.code).toBe('INVALID_INPUT');
      expect(tooBig.message).toMatch(/buying power/);
      expect(await client.listOrders({ status: 'all' })).toHaveLength(0);
    });

    it('starts the legs of a bracket order when the entry fills, and one leg cancels the other', async () => {
      const entry = await client.submitOrder(
        request({ orderClass: 'bracket', takeProfitPrice: 101.8, stopLossPrice: 97 }),
      );
      await settled(entry.id, 'filled');
      const legs = await waitFor(async () => {
        const open = await client.listOrders({ status: 'open' });
        return open.length === 2 ? open : undefined;
      });
      expect(
        legs.every((leg) => leg.parentId === entry.id && leg.side === 'sell' && leg.quantity === 10),
      ).toBe(true);
      const takeProfit = legs.find((leg) => leg.type === 'limit');
      const stopLoss = legs.find((leg) => leg.type === 'stop');
      expect(takeProfit?.limitPrice).toBe(101.8);
      expect(stopLoss?.stopPrice).toBe(97);
      await harness.advance();
      await harness.advance(); // b2 reaches 102 before falling anywhere near 97
      expect((await settled(takeProfit?.id ?? '', 'filled')).averageFillPrice).toBeCloseTo(101.8, 9);
      await settled(stopLoss?.id ?? '', 'canceled');
      expect(await client.listPositions()).toHaveLength(0);
    });

    it('publishes new then fill for an order that fills at once', async () => {
      const order = await client.submitOrder(request());
      await waitFor(() => updates.find((u) => u.event === 'fill' && u.order.id === order.id));
      const events = updates.filter((u) => u.order.id === order.id).map((u) => u.event);
      expect(events).toEqual(['new', 'fill']);
      expect(client.live).toBe(false);
    });
  });
}
