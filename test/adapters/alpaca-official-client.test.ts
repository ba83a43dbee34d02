import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  NotFoundError,
  OrdersApi,
  ValidationError,
  marketData,
  pagination,
  streaming,
  trading,
} from '@alpacahq/alpaca-trade-api';
import { KEY_ID, SECRET_KEY, startSandboxRig, type SandboxRig } from '../contracts/alpaca-harness.js';
import {
  HISTORY_BARS,
  HISTORY_START,
  MINUTE,
  REPLAY_START,
  STARTING_CASH,
  waitFor,
} from '../contracts/contract-market.js';

/**
 * The official @alpacahq/alpaca-trade-api v4 SDK pointed at the local Alpaca-compatible server through its
 * own configuration (each API's `basePath`, each stream's `url`): if the SDK's generated OpenAPI models, its
 * pagination and its websocket clients accept what the server sends, the server speaks Alpaca's formats.
 */
describe('the official Alpaca SDK against the local server', () => {
  let rig: SandboxRig;
  let trade: trading.Configuration;
  let data: marketData.Configuration;
  const credentials = { keyId: KEY_ID, secret: SECRET_KEY };
  const streams: { disconnect(): void }[] = [];

  beforeEach(async () => {
    rig = await startSandboxRig();
    trade = new trading.Configuration({ basePath: rig.sandbox.url, ...credentials });
    data = new marketData.Configuration({ basePath: rig.sandbox.url, ...credentials });
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.disconnect();
    await rig.sandbox.close();
  });

  it('reads the account, the clock, the calendar and the assets', async () => {
    const account = await new trading.AccountsApi(trade).getAccount();
    expect(account.status).toBe('ACTIVE');
    expect(Number(account.cash)).toBe(STARTING_CASH);
    expect(Number(account.buyingPower)).toBe(STARTING_CASH);
    const clock = await new trading.ClockApi(trade).legacyClock();
    expect(clock.timestamp?.getTime()).toBe(REPLAY_START);
    expect(clock.isOpen).toBe(true);
    expect(clock.nextClose?.getTime()).toBe(REPLAY_START + 40 * MINUTE); // the contract market's last bar closes then
    const days = await new trading.CalendarApi(trade).legacyCalendar({
      start: new Date(HISTORY_START),
      end: new Date(HISTORY_START),
    });
    expect(days).toHaveLength(1);
    expect(days[0]?.open).toBe('09:30'); // 14:30 UTC in New York in March (EST)
    const assets = await new trading.AssetsApi(trade).getV2Assets();
    expect(assets.map((a) => a.symbol).sort()).toEqual(['ACME', 'BETA']);
  });

  it('places, lists, replaces and cancels orders, and reads positions and fills', async () => {
    const orders = new OrdersApi(trade);
    const market = await orders.market({
      symbol: 'ACME',
      qty: 10,
      side: 'buy',
      timeInForce: 'day',
      clientOrderId: 'sdk-1',
    });
    expect(market.clientOrderId).toBe('sdk-1');
    expect(market.status).toBe('filled');
    expect(market.filledAvgPrice).toBe('100');
    const limit = await orders.limit({
      symbol: 'ACME',
      qty: 5,
      side: 'buy',
      limitPrice: 90,
      timeInForce: 'gtc',
    });
    expect(limit.status).toBe('new');
    expect(limit.createdAt).toBeInstanceOf(Date);
    const open = await orders.getAllOrders({ status: 'open' });
    expect(open.map((o) => o.id)).toEqual([limit.id]);
    const replaced = await orders.patchOrderByOrderId({
      orderId: limit.id ?? '',
      patchOrderRequest: { limitPrice: '91' },
    });
    expect(replaced.replaces).toBe(limit.id);
    expect(replaced.limitPrice).toBe('91');
    await orders.deleteOrderByOrderID({ orderId: replaced.id ?? '' });
    expect((await orders.getOrderByOrderID({ orderId: replaced.id ?? '' })).status).toBe('canceled');
    const positions = await new trading.PositionsApi(trade).getAllOpenPositions();
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ symbol: 'ACME', qty: '10', avgEntryPrice: '100', side: 'long' });
    // The SDK's oneOf decoder for activities tries NonTradeActivities first, and its type guard accepts any
    // object, so a FILL comes back in the wrong shape; the raw call with the generated TradingActivities
    // decoder reads it as the spec says.
    const answer = await new trading.AccountActivitiesApi(trade).getAccountActivitiesByActivityTypeRaw({
      activityType: 'FILL',
    });
    const fills = ((await answer.raw.json()) as unknown[]).map((json) =>
      trading.TradingActivitiesFromJSON(json),
    );
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({
      orderId: market.id,
      qty: '10',
      price: '100',
      side: 'buy',
      type: 'fill',
    });
  });

  it('turns Alpaca error answers into the SDK typed errors', async () => {
    const orders = new OrdersApi(trade);
    await expect(orders.market({ symbol: 'ACME', qty: 0, side: 'buy' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(orders.getOrderByOrderID({ orderId: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    const stranger = new trading.Configuration({ basePath: rig.sandbox.url, keyId: KEY_ID, secret: 'wrong' });
    await expect(new trading.AccountsApi(stranger).getAccount()).rejects.toBeInstanceOf(AuthError);
  });

  it('pages through historical bars and reads the latest quote and trade', async () => {
    const stocks = new marketData.StockApi(data);
    const bars: marketData.StockBar[] = [];
    // The server pages every 7 bars (maxPageSize): 30 bars come in 5 pages.
    for await (const bar of pagination.paginate((pageToken) =>
      stocks
        .stockBarSingle({
          symbol: 'ACME',
          timeframe: '1Min',
          start: new Date(HISTORY_START),
          end: new Date(REPLAY_START),
          ...(pageToken === undefined ? {} : { pageToken }),
        })
        .then((r) => ({ items: r.bars ?? [], nextPageToken: r.nextPageToken })),
    )) {
      bars.push(bar);
    }
    expect(bars).toHaveLength(HISTORY_BARS);
    expect(bars[0]?.t.getTime()).toBe(HISTORY_START);
    expect(bars.at(-1)?.c).toBe(100);
    const quote = await stocks.stockLatestQuoteSingle({ symbol: 'ACME' });
    expect(quote.quote.bp).toBeLessThan(100);
    expect(quote.quote.ap).toBeGreaterThan(100);
    const last = await stocks.stockLatestTradeSingle({ symbol: 'ACME' });
    expect(last.trade.p).toBe(100);
  });

  it('streams bars, quotes and trades over the msgpack market data stream', async () => {
    const stream = new streaming.StockDataStream({
      credentials,
      url: rig.sandbox.dataStreamUrl,
      reconnect: false,
    });
    streams.push(stream);
    const bars: streaming.StreamBar[] = [];
    const quotes: streaming.StreamQuote[] = [];
    stream.onBar((bar) => bars.push(bar));
    stream.onQuote((quote) => quotes.push(quote));
    const subscribed = new Promise((resolve) => stream.on(streaming.EVENT.SUBSCRIPTION, resolve));
    stream.subscribeForBars(['ACME']);
    stream.subscribeForQuotes(['BETA']);
    stream.connect();
    expect((await stream.waitForAuthenticationResult(3_000)).authenticated).toBe(true);
    await subscribed;
    rig.broker.replay.step();
    await waitFor(() => (bars.length > 0 && quotes.length > 0 ? true : undefined));
    expect(bars[0]).toMatchObject({ symbol: 'ACME', open: 100, high: 101, low: 99.5, close: 100.5 });
    expect(bars[0]?.timestamp.getTime()).toBe(REPLAY_START);
    expect(quotes[0]?.symbol).toBe('BETA');
    expect(stream.getSubscriptions().bars).toEqual(['ACME']);
  });

  it('receives trade_updates for an order over the trading stream', async () => {
    const stream = new streaming.TradingStream({
      credentials,
      url: rig.sandbox.tradingStreamUrl,
      reconnect: false,
    });
    streams.push(stream);
    const updates: streaming.TradeUpdate[] = [];
    stream.onTradeUpdate((update) => updates.push(update));
    const listening = new Promise((resolve) => stream.on(streaming.EVENT.SUBSCRIPTION, resolve));
    stream.subscribeTradeUpdates();
    stream.connect();
    expect(await listening).toEqual(['trade_updates']);
    const order = await new OrdersApi(trade).market({ symbol: 'ACME', qty: 3, side: 'buy' });
    await waitFor(() => (updates.some((u) => u.event === 'fill') ? true : undefined));
    const fill = updates.find((u) => u.event === 'fill');
    expect(fill?.order.id).toBe(order.id);
    expect(fill).toMatchObject({ price: '100', qty: '3', positionQty: '3' });
    expect(updates.map((u) => u.event)).toEqual(['new', 'fill']);
  });

  it('refuses a stream login with the wrong secret', async () => {
    const stream = new streaming.StockDataStream({
      credentials: { keyId: KEY_ID, secret: 'wrong' },
      url: rig.sandbox.dataStreamUrl,
      reconnect: false,
    });
    streams.push(stream);
    stream.connect();
    const result = await stream.waitForAuthenticationResult(3_000);
    expect(result).toMatchObject({ authenticated: false, code: 402 });
  });
});
