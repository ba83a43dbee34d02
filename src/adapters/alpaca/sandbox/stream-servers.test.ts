import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { BarSeries } from '../../../data/bar-series.js';
import { PaperBroker } from '../../paper/paper-broker.js';
import { startAlpacaSandbox, type AlpacaSandbox } from './alpaca-sandbox-server.js';

const MINUTE = 60_000;
const START = Date.UTC(2024, 2, 4, 14, 30);

/** A websocket that queues what it receives, decoded, so a test can await the next message. */
class Probe {
  readonly socket: WebSocket;
  private readonly inbox: unknown[] = [];
  private waiting: ((message: unknown) => void) | null = null;
  readonly closed: Promise<void>;

  constructor(
    url: string,
    headers: Record<string, string> = {},
    private readonly msgpack = false,
  ) {
    this.socket = new WebSocket(url, {
      headers: msgpack ? { ...headers, 'Content-Type': 'application/msgpack' } : headers,
    });
    this.socket.on('message', (data: Buffer, isBinary) => {
      const message: unknown = msgpack && isBinary ? decode(data) : JSON.parse(data.toString('utf8'));
      if (this.waiting !== null) {
        const deliver = this.waiting;
        this.waiting = null;
        deliver(message);
      } else this.inbox.push(message);
    });
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()));
  }

  opened(): Promise<void> {
    return new Promise((resolve) => this.socket.once('open', () => resolve()));
  }

  send(payload: unknown): void {
    this.socket.send(this.msgpack ? encode(payload) : JSON.stringify(payload));
  }

  next(): Promise<unknown> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

describe('the sandbox streams', () => {
  let sandbox: AlpacaSandbox;
  let broker: PaperBroker;
  const probes: Probe[] = [];
  const probe = async (url: string, headers?: Record<string, string>, msgpack?: boolean): Promise<Probe> => {
    const p = new Probe(url, headers, msgpack);
    probes.push(p);
    await p.opened();
    return p;
  };

  beforeEach(async () => {
    const bars = Array.from({ length: 5 }, (_, i) => ({
      tsEvent: START + i * MINUTE,
      open: 10,
      high: 20,
      low: 9,
      close: 10 + i,
      volume: 7,
    }));
    broker = new PaperBroker({
      series: [BarSeries.fromBars('AAA', '1m', bars)],
      startAt: START + 2 * MINUTE,
    });
    sandbox = await startAlpacaSandbox({ broker, keyId: 'k', secretKey: 's' });
  });
  afterEach(async () => {
    for (const p of probes.splice(0)) p.socket.terminate();
    await sandbox.close();
  });

  it('speaks the market data control protocol with Alpaca codes', async () => {
    const client = await probe(sandbox.dataStreamUrl);
    expect(await client.next()).toEqual([{ T: 'success', msg: 'connected' }]);
    client.send({ action: 'subscribe', bars: ['AAA'] });
    expect(await client.next()).toEqual([{ T: 'error', code: 401, msg: 'not authenticated' }]);
    client.send({ action: 'auth', key: 'k', secret: 'wrong' });
    expect(await client.next()).toEqual([{ T: 'error', code: 402, msg: 'auth failed' }]);
    client.send({ action: 'auth', key: 'k', secret: 's' });
    expect(await client.next()).toEqual([{ T: 'success', msg: 'authenticated' }]);
    client.send({ action: 'auth', key: 'k', secret: 's' });
    expect(await client.next()).toEqual([{ T: 'error', code: 403, msg: 'already authenticated' }]);
    client.send({ action: 'dance' });
    expect(await client.next()).toEqual([{ T: 'error', code: 400, msg: 'invalid syntax' }]);
    client.send({ action: 'subscribe', bars: ['AAA'], trades: ['AAA'] });
    expect(await client.next()).toMatchObject([
      { T: 'subscription', bars: ['AAA'], trades: ['AAA'], quotes: [] },
    ]);
    client.send({ action: 'unsubscribe', trades: ['AAA'] });
    expect(await client.next()).toMatchObject([{ T: 'subscription', bars: ['AAA'], trades: [] }]);
    broker.replay.step();
    expect(await client.next()).toEqual([
      { T: 'b', S: 'AAA', o: 10, h: 20, l: 9, c: 12, v: 7, t: new Date(START + 2 * MINUTE).toISOString() },
    ]);
  });

  it('authenticates from the upgrade headers and sends MessagePack timestamps when asked for MessagePack', async () => {
    const client = await probe(
      sandbox.dataStreamUrl.replace('/v2/iex', '/v2/sip'),
      { 'APCA-API-KEY-ID': 'k', 'APCA-API-SECRET-KEY': 's' },
      true,
    );
    expect(await client.next()).toEqual([{ T: 'success', msg: 'connected' }]);
    expect(await client.next()).toEqual([{ T: 'success', msg: 'authenticated' }]);
    client.send({ action: 'subscribe', quotes: ['*'] });
    await client.next();
    broker.replay.step();
    const [quote] = (await client.next()) as Record<string, unknown>[];
    expect(quote).toMatchObject({ T: 'q', S: 'AAA', bp: 11.99, ap: 12.01 });
    expect(quote?.t).toEqual(new Date(START + 3 * MINUTE));
  });

  it('closes an unknown websocket path', async () => {
    const client = new Probe(sandbox.url.replace('http', 'ws') + '/v1/nothing');
    probes.push(client);
    await new Promise((resolve) => client.socket.once('error', resolve));
  });

  it('accepts the older authenticate message on the trading stream and listens only after it', async () => {
    const client = await probe(sandbox.tradingStreamUrl);
    client.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    expect(await client.next()).toEqual({
      stream: 'authorization',
      data: { action: 'listen', status: 'unauthorized' },
    });
    client.send({ action: 'authenticate', data: { key_id: 'k', secret_key: 's' } });
    expect(await client.next()).toEqual({
      stream: 'authorization',
      data: { action: 'authenticate', status: 'authorized' },
    });
    client.send({ action: 'listen', data: { streams: ['trade_updates', 'account_updates'] } });
    expect(await client.next()).toEqual({ stream: 'listening', data: { streams: ['trade_updates'] } });
    client.send({ action: 'sing' });
    expect(await client.next()).toEqual({ action: 'error', data: { error_message: 'unrecognized message' } });
  });

  it('closes a trading stream connection that fails to authenticate', async () => {
    const client = await probe(sandbox.tradingStreamUrl);
    client.send({ action: 'auth', key: 'k', secret: 'nope' });
    expect(await client.next()).toEqual({
      stream: 'authorization',
      data: { action: 'authenticate', status: 'unauthorized' },
    });
    await client.closed;
  });
});
