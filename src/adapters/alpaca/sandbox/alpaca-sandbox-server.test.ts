import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSeries } from '../../../data/bar-series.js';
import { createInstrument } from '../../../model/instrument.js';
import { PaperBroker } from '../../paper/paper-broker.js';
import { startAlpacaSandbox, type AlpacaSandbox, type SandboxFaults } from './alpaca-sandbox-server.js';

const MINUTE = 60_000;
const START = Date.UTC(2024, 2, 4, 14, 30);
const KEYS = { 'APCA-API-KEY-ID': 'k', 'APCA-API-SECRET-KEY': 's' };

/** Two symbols of 20 flat minute bars at 50 and 20; the replay starts at bar 10. */
function broker(): PaperBroker {
  const bars = (price: number) =>
    Array.from({ length: 20 }, (_, i) => ({
      tsEvent: START + i * MINUTE,
      open: price,
      high: price + 1,
      low: price - 1,
      close: price,
      volume: 100,
    }));
  return new PaperBroker({
    series: [BarSeries.fromBars('AAA', '1m', bars(50)), BarSeries.fromBars('BBB', '1m', bars(20))],
    instruments: [createInstrument({ symbol: 'AAA' }), createInstrument({ symbol: 'BBB' })],
    startingCash: 10_000,
    startAt: START + 10 * MINUTE,
  });
}

describe('the Alpaca sandbox server', () => {
  let sandbox: AlpacaSandbox;
  let paper: PaperBroker;
  const faults: { current: SandboxFaults } = { current: {} };

  beforeEach(async () => {
    paper = broker();
    faults.current = {};
    sandbox = await startAlpacaSandbox({
      broker: paper,
      keyId: 'k',
      secretKey: 's',
      maxPageSize: 3,
      rateLimitPerMinute: 1_000,
      faults: {
        before: (method, path) => faults.current.before?.(method, path) ?? null,
        after: (method, path) => faults.current.after?.(method, path) ?? null,
      },
    });
  });
  afterEach(async () => sandbox.close());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = KEYS,
  ) => {
    const response = await fetch(sandbox.url + path, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
      headers: response.headers,
    };
  };

  it('answers 401 in Alpaca error format without the right keys', async () => {
    const missing = await call('GET', '/v2/account', undefined, {});
    expect(missing).toMatchObject({
      status: 401,
      body: { code: 40110000, message: 'request is not authorized' },
    });
    const wrong = await call('GET', '/v2/account', undefined, {
      'APCA-API-KEY-ID': 'k',
      'APCA-API-SECRET-KEY': 'x',
    });
    expect(wrong.status).toBe(401);
  });

  it('answers 404 for an unknown endpoint, 405 for a wrong method and 400 for a malformed body', async () => {
    expect((await call('GET', '/v2/nothing')).status).toBe(404);
    expect((await call('PUT', '/v2/account')).body).toMatchObject({ code: 40510000 });
    expect((await call('POST', '/v2/orders', '{not json')).body).toMatchObject({ code: 40010000 });
  });

  it('refuses a reused client_order_id, an order beyond buying power and what the sandbox cannot do', async () => {
    const order = {
      symbol: 'AAA',
      qty: '1',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      client_order_id: 'c1',
    };
    expect((await call('POST', '/v2/orders', order)).status).toBe(200);
    expect(await call('POST', '/v2/orders', order)).toMatchObject({
      status: 422,
      body: { code: 40010001, message: 'client_order_id must be unique' },
    });
    const big = await call('POST', '/v2/orders', { ...order, client_order_id: 'c2', qty: '1000' });
    expect(big).toMatchObject({ status: 403, body: { code: 40310000 } });
    const notional = await call('POST', '/v2/orders', {
      ...order,
      client_order_id: 'c3',
      qty: undefined,
      notional: '100',
    });
    expect(notional.status).toBe(422);
    expect(String(notional.body?.message)).toMatch(/notional/);
    const badSide = await call('POST', '/v2/orders', { ...order, client_order_id: 'c4', side: 'hold' });
    expect(String(badSide.body?.message)).toMatch(/^side:/);
  });

  it('takes an OCO order as its own take-profit leg and lists its stop leg nested', async () => {
    await call('POST', '/v2/orders', {
      symbol: 'AAA',
      qty: '10',
      side: 'buy',
      type: 'market',
      time_in_force: 'gtc',
    });
    const oco = await call('POST', '/v2/orders', {
      symbol: 'AAA',
      qty: '10',
      side: 'sell',
      type: 'limit',
      time_in_force: 'gtc',
      order_class: 'oco',
      take_profit: { limit_price: '55' },
      stop_loss: { stop_price: '45' },
    });
    expect(oco.status).toBe(200);
    expect(oco.body).toMatchObject({ order_class: 'oco', limit_price: '55', status: 'new' });
    const legs = oco.body?.legs as Record<string, unknown>[];
    expect(legs).toHaveLength(1);
    expect(legs[0]).toMatchObject({ type: 'stop', stop_price: '45', order_class: 'oco' });
    const nested = await call('GET', '/v2/orders?status=open&nested=true');
    expect((nested.body as unknown as unknown[]).length).toBe(1);
    const flat = await call('GET', '/v2/orders?status=open');
    expect((flat.body as unknown as unknown[]).length).toBe(2);
    const canceled = await call('DELETE', '/v2/orders');
    expect(canceled.status).toBe(207);
    expect((canceled.body as unknown as { status: number }[]).map((r) => r.status)).toEqual([200]);
    expect((await call('GET', '/v2/orders?status=open')).body).toEqual([]);
  });

  it('replaces a trailing stop through PATCH trail', async () => {
    await call('POST', '/v2/orders', {
      symbol: 'AAA',
      qty: '5',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
    });
    const trailing = await call('POST', '/v2/orders', {
      symbol: 'AAA',
      qty: '5',
      side: 'sell',
      type: 'trailing_stop',
      trail_percent: '5',
      time_in_force: 'gtc',
    });
    const patched = await call('PATCH', `/v2/orders/${String(trailing.body?.id)}`, {
      trail: '2.5',
      client_order_id: 'trail-2',
    });
    expect(patched.body).toMatchObject({
      trail_percent: '2.5',
      client_order_id: 'trail-2',
      replaces: trailing.body?.id,
    });
    expect((await call('GET', `/v2/orders/${String(trailing.body?.id)}`)).body).toMatchObject({
      status: 'replaced',
      replaced_by: patched.body?.id,
    });
  });

  it('serves positions, 404 for a symbol without one, and closes a position', async () => {
    await call('POST', '/v2/orders', {
      symbol: 'BBB',
      qty: '3',
      side: 'sell',
      type: 'market',
      time_in_force: 'day',
    });
    const position = await call('GET', '/v2/positions/BBB');
    expect(position.body).toMatchObject({
      symbol: 'BBB',
      qty: '-3',
      side: 'short',
      market_value: '-60',
      cost_basis: '-60',
    });
    expect((await call('GET', '/v2/positions/AAA')).status).toBe(404);
    const close = await call('DELETE', '/v2/positions/BBB');
    expect(close.body).toMatchObject({ side: 'buy', qty: '3', status: 'filled' });
    expect((await call('GET', '/v2/account')).body).toMatchObject({
      cash: '10000',
      equity: '10000',
      long_market_value: '0',
    });
  });

  it('pages multi-symbol bars across symbols and serves the latest quotes and trades of several symbols', async () => {
    const pages: Record<string, unknown[]>[] = [];
    let token: string | null = null;
    do {
      const query = `/v2/stocks/bars?symbols=BBB,AAA&timeframe=1Min&start=${new Date(START + 7 * MINUTE).toISOString()}`;
      const page = await call('GET', token === null ? query : `${query}&page_token=${token}`);
      pages.push(page.body?.bars as Record<string, unknown[]>);
      token = (page.body?.next_page_token as string | null) ?? null;
    } while (token !== null);
    // Bars 7, 8, 9 of each symbol, 3 a page, symbols in order.
    expect(pages.map((p) => Object.entries(p).map(([s, list]) => `${s}:${list.length}`))).toEqual([
      ['AAA:3'],
      ['BBB:3'],
    ]);
    const quotes = await call('GET', '/v2/stocks/quotes/latest?symbols=AAA,BBB,ZZZ');
    expect(Object.keys(quotes.body?.quotes as object)).toEqual(['AAA', 'BBB']);
    const trades = await call('GET', '/v2/stocks/trades/latest?symbols=AAA');
    expect(trades.body).toMatchObject({ trades: { AAA: { p: 50, s: 100 } } });
    expect((await call('GET', '/v2/stocks/AAA/bars/latest')).body).toMatchObject({
      symbol: 'AAA',
      bar: { c: 50 },
    });
    expect((await call('GET', '/v2/stocks/AAA/bars?timeframe=7Min')).status).toBe(422);
    expect((await call('GET', '/v2/stocks/AAA/bars?timeframe=1Min&page_token=zz')).status).toBe(422);
    expect((await call('GET', '/v2/stocks/bars?timeframe=1Min')).status).toBe(422);
  });

  it('reports its request budget and answers 429 past it', async () => {
    const response = await call('GET', '/v2/clock');
    expect(Number(response.headers.get('x-ratelimit-limit'))).toBe(1_000);
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(1_000);
    faults.current = { before: () => 429 };
    expect(await call('GET', '/v2/clock')).toMatchObject({ status: 429, body: { code: 42910000 } });
  });

  it('loses the answer of a request that took effect when told to', async () => {
    faults.current = { after: (method) => (method === 'POST' ? 'reset' : null) };
    await expect(
      call('POST', '/v2/orders', {
        symbol: 'AAA',
        qty: '1',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        client_order_id: 'lost',
      }),
    ).rejects.toThrow();
    faults.current = {};
    expect((await call('GET', '/v2/orders:by_client_order_id?client_order_id=lost')).body).toMatchObject({
      status: 'filled',
    });
  });

  it('lists FILL activities in pages and refuses other activity types', async () => {
    for (let i = 0; i < 4; i++)
      await call('POST', '/v2/orders', {
        symbol: 'AAA',
        qty: '1',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
      });
    const first = await call('GET', '/v2/account/activities/FILL?direction=asc&page_size=3');
    const page = first.body as unknown as { id: string }[];
    expect(page).toHaveLength(3);
    const next = await call(
      'GET',
      `/v2/account/activities/FILL?direction=asc&page_size=3&page_token=${encodeURIComponent(page[2]?.id ?? '')}`,
    );
    expect((next.body as unknown as unknown[]).length).toBe(1);
    expect((await call('GET', '/v2/account/activities/DIV')).status).toBe(422);
    expect((await call('GET', '/v2/orders?status=wrong')).status).toBe(422);
    expect((await call('GET', '/v2/orders?after=yesterday')).status).toBe(422);
  });

  it('tells the market clock from the data and extrapolates past it', async () => {
    const clock = await call('GET', '/v2/clock');
    expect(clock.body).toMatchObject({
      is_open: true,
      next_close: new Date(START + 20 * MINUTE).toISOString(),
    });
    while (paper.replay.step());
    const after = await call('GET', '/v2/clock');
    // The data ends at 14:50 UTC on Monday 4 March; the next session is Tuesday at 14:30.
    expect(after.body).toMatchObject({
      is_open: false,
      next_open: '2024-03-05T14:30:00.000Z',
      next_close: '2024-03-05T14:50:00.000Z',
    });
    const assets = await call('GET', '/v2/assets/AAA');
    expect(assets.body).toMatchObject({ symbol: 'AAA', tradable: true, fractionable: false });
    expect((await call('GET', '/v2/assets/ZZZ')).status).toBe(404);
  });
});

describe('the Alpaca sandbox server, closed', () => {
  it('lets the process exit at once after a replay ran behind it', async () => {
    // A child process runs the CLI's sequence (serve, replay, answer a request, stop, close) and reports how
    // long its exit took after close(). A timer left counted as alive kept it up to ~30 s (until the
    // http.Server's connection check fired), with no handle in sight.
    const module = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
    const script = `
      import { BarSeries } from ${module('../../../data/bar-series.ts')};
      import { createInstrument } from ${module('../../../model/instrument.ts')};
      import { PaperBroker } from ${module('../../paper/paper-broker.ts')};
      import { startAlpacaSandbox } from ${module('./alpaca-sandbox-server.ts')};
      const bars = Array.from({ length: 20 }, (_, i) => ({
        tsEvent: ${START} + i * ${MINUTE}, open: 50, high: 51, low: 49, close: 50, volume: 100,
      }));
      const broker = new PaperBroker({
        series: [BarSeries.fromBars('AAA', '1m', bars)],
        instruments: [createInstrument({ symbol: 'AAA' })],
        speed: 1,
        startAt: ${START + 10 * MINUTE},
      });
      const sandbox = await startAlpacaSandbox({ broker, keyId: 'k', secretKey: 's' });
      broker.start();
      const account = await fetch(sandbox.url + '/v2/account', { headers: ${JSON.stringify(KEYS)} });
      console.log('status ' + account.status);
      broker.stop();
      await sandbox.close();
      const closedAt = Date.now();
      process.on('exit', () => console.log('exit after ' + (Date.now() - closedAt)));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('status 200');
    const exitMs = Number(/exit after (\d+)/.exec(output)?.[1]);
    expect(exitMs).toBeLessThan(3_000);
  }, 20_000);
});
