import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeuralTraderError } from '../../core/errors.js';
import { clientOrderId, instrumentId } from '../../core/ids.js';
import type { BrokerOrderRequest, TradeUpdate } from '../../engine/execution-client.types.js';
import { AlpacaExecutionClient } from './alpaca-execution-client.js';
import { startAlpacaRig, times, type AlpacaRig } from './alpaca-test-rig.fixture.js';

let counter = 0;
function order(fields: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest {
  counter += 1;
  return {
    instrumentId: instrumentId('XYZ'),
    side: 'buy',
    type: 'market',
    quantity: 5,
    timeInForce: 'day',
    clientOrderId: clientOrderId(`faults-${counter}`),
    ...fields,
  };
}

async function failure(promise: Promise<unknown>): Promise<NeuralTraderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NeuralTraderError);
  return error as NeuralTraderError;
}

describe('the Alpaca execution client on a bad network', () => {
  let rig: AlpacaRig;
  let client: AlpacaExecutionClient;
  const posts = (): number => rig.requests.filter((r) => r === 'POST /v2/orders').length;

  beforeEach(async () => {
    rig = await startAlpacaRig();
    client = new AlpacaExecutionClient(rig.config);
  });
  afterEach(async () => rig.sandbox.close());

  it('resolves an order whose answer was lost by its client_order_id, without sending it again', async () => {
    rig.faults = { after: times(1, 'POST', /^\/v2\/orders$/, 'reset' as const) };
    const request = order();
    const placed = await client.submitOrder(request);
    expect(placed.clientOrderId).toBe(request.clientOrderId);
    expect(placed.status).toBe('filled');
    expect(posts()).toBe(1);
    expect(await client.listOrders({ status: 'all' })).toHaveLength(1);
    expect(await client.listFills(-Infinity)).toHaveLength(1);
  });

  it('sends an order again only after finding that Alpaca does not have it', async () => {
    rig.faults = { before: times(1, 'POST', /^\/v2\/orders$/, 503) };
    const placed = await client.submitOrder(order());
    expect(placed.status).toBe('filled');
    expect(posts()).toBe(2);
    expect(rig.requests).toContain('GET /v2/orders:by_client_order_id');
    expect(await client.listOrders({ status: 'all' })).toHaveLength(1);
  });

  it('never sends again an order Alpaca refused', async () => {
    const refused = await failure(client.submitOrder(order({ quantity: 10_000 })));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.retryable).toBe(false);
    expect(refused.message).toMatch(/buying power/);
    expect(posts()).toBe(1);
  });

  it('gives up on an order after the retry budget when Alpaca keeps failing', async () => {
    rig.faults = { before: times(10, 'POST', /^\/v2\/orders$/, 500) };
    const error = await failure(client.submitOrder(order()));
    expect(error).toMatchObject({ code: 'PROVIDER_FAILURE', retryable: true });
    expect(posts()).toBe(3);
  });

  it('retries reads on 429 and 5xx but not past a long rate-limit reset', async () => {
    rig.faults = { before: times(2, 'GET', /^\/v2\/account$/, 503) };
    expect((await client.getAccount()).cash).toBe(50_000);
    expect(rig.requests.filter((r) => r === 'GET /v2/account')).toHaveLength(3);
    // The sandbox's 429 carries X-RateLimit-Reset up to a minute away: longer than maxRetryAfterMs (1 s).
    rig.faults = { before: times(1, 'GET', /^\/v2\/positions$/, 429) };
    const limited = await failure(client.listPositions());
    expect(limited).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(rig.requests.filter((r) => r === 'GET /v2/positions')).toHaveLength(1);
  });

  it('treats a canceled order as canceled when the first cancel was answered but the answer lost', async () => {
    const working = await client.submitOrder(order({ type: 'limit', limitPrice: 50, timeInForce: 'gtc' }));
    rig.faults = { after: times(1, 'DELETE', /^\/v2\/orders\//, 'reset' as const) };
    await client.cancelOrder(working.id);
    expect((await client.getOrder(working.id))?.status).toBe('canceled');
  });

  it('returns the replacement when the answer to a replace was lost', async () => {
    const working = await client.submitOrder(order({ type: 'limit', limitPrice: 50, timeInForce: 'gtc' }));
    rig.faults = { after: times(1, 'PATCH', /^\/v2\/orders\//, 'reset' as const) };
    const replacement = await client.replaceOrder(working.id, { limitPrice: 60 });
    expect(replacement.id).not.toBe(working.id);
    expect(replacement.limitPrice).toBe(60);
    expect(rig.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
  });

  it('reports refused keys as a provider failure and an unreachable server as retryable', async () => {
    const stranger = new AlpacaExecutionClient({ ...rig.config, secretKey: 'wrong' });
    expect(await failure(stranger.getAccount())).toMatchObject({
      code: 'PROVIDER_FAILURE',
      retryable: false,
    });
    await rig.sandbox.close();
    expect(await failure(client.getAccount())).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    rig = await startAlpacaRig();
  });

  it('keeps streaming trade updates after the connection drops', async () => {
    const updates: TradeUpdate[] = [];
    const subscription = await client.subscribeTradeUpdates((u) => updates.push(u));
    rig.sandbox.dropStreamConnections();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const placed = await client.submitOrder(order());
    const deadline = Date.now() + 3_000;
    while (!updates.some((u) => u.event === 'fill') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await subscription.close();
    const fill = updates.find((u) => u.event === 'fill');
    expect(fill?.order.id).toBe(placed.id);
    expect(fill?.fill?.price).toBe(109); // bar 9's close, the last one before the replay
  });

  it('is live only on the live trading host', () => {
    expect(client.live).toBe(false);
    expect(
      new AlpacaExecutionClient({ keyId: 'a', secretKey: 'b', baseUrl: 'https://api.alpaca.markets' }).live,
    ).toBe(true);
    expect(new AlpacaExecutionClient({ keyId: 'a', secretKey: 'b' }).live).toBe(false);
  });
});
