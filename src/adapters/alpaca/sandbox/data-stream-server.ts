import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Bar, Quote, TradeTick } from '../../../model/bar.js';
import type { MarketDataSubscription } from '../../../engine/market-data-client.types.js';
import type { PaperMarketData } from '../../paper/paper-market-data.js';
import { headerCredentialsValid, StreamConnection, type SandboxCredentials } from './stream-connection.js';

const CHANNELS = ['trades', 'quotes', 'bars'] as const;
type Channel = (typeof CHANNELS)[number];
/** Channels Alpaca also lists in a subscription message; the paper feed has nothing to send on them. */
const EMPTY_CHANNELS = ['updatedBars', 'dailyBars', 'statuses', 'lulds', 'corrections', 'cancelErrors'];
const AUTH_TIMEOUT_MS = 10_000;

interface Client {
  readonly connection: StreamConnection;
  authenticated: boolean;
  readonly subscriptions: Record<Channel, Set<string>>;
}

/**
 * Alpaca's Market Data v2 stream (wss://stream.data.alpaca.markets/v2/{iex|sip}) over the paper feed.
 * Protocol: on connect `[{"T":"success","msg":"connected"}]`; `{"action":"auth","key","secret"}` (or the
 * APCA-API-* headers on the upgrade request) gives `[{"T":"success","msg":"authenticated"}]`;
 * `{"action":"subscribe"|"unsubscribe","trades":[],"quotes":[],"bars":[]}` answers with the whole
 * subscription `[{"T":"subscription",...}]`; data arrives as `[{"T":"b"|"q"|"t","S":symbol,...}]`, times as
 * RFC 3339 strings (JSON) or MessagePack timestamps. Errors use Alpaca's codes: 400 invalid syntax, 401 not
 * authenticated, 402 auth failed, 403 already authenticated, 404 auth timeout.
 */
export class DataStreamServer {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private feed: MarketDataSubscription | null = null;

  constructor(
    private readonly credentials: SandboxCredentials,
    private readonly data: PaperMarketData,
  ) {}

  async start(): Promise<void> {
    this.feed = await this.data.subscribe(
      { bars: ['*'], quotes: ['*'], trades: ['*'] },
      {
        onBar: (bar) => this.broadcast('bars', bar.instrumentId, barMessage(bar)),
        onQuote: (quote) => this.broadcast('quotes', quote.instrumentId, quoteMessage(quote)),
        onTrade: (trade) => this.broadcast('trades', trade.instrumentId, tradeMessage(trade)),
      },
    );
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const client: Client = {
        connection: new StreamConnection(ws, request),
        authenticated: headerCredentialsValid(request, this.credentials),
        subscriptions: { trades: new Set(), quotes: new Set(), bars: new Set() },
      };
      this.clients.add(client);
      const timeout = setTimeout(() => {
        if (client.authenticated) return;
        this.control(client, { T: 'error', code: 404, msg: 'auth timeout' });
        ws.close();
      }, AUTH_TIMEOUT_MS);
      timeout.unref();
      ws.on('close', () => {
        clearTimeout(timeout);
        this.clients.delete(client);
      });
      ws.on('message', (data, isBinary) => this.receive(client, client.connection.decode(data, isBinary)));
      this.control(client, { T: 'success', msg: 'connected' });
      if (client.authenticated) this.control(client, { T: 'success', msg: 'authenticated' });
    });
  }

  /** Drops every connection (as a network failure would), for clients' reconnect tests. */
  dropConnections(): void {
    for (const client of this.clients) client.connection.socket.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await this.feed?.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(client: Client, message: unknown): void {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.control(client, { T: 'error', code: 400, msg: 'invalid syntax' });
      return;
    }
    const fields = message as Record<string, unknown>;
    if (fields.action === 'auth') {
      if (client.authenticated) this.control(client, { T: 'error', code: 403, msg: 'already authenticated' });
      else if (fields.key === this.credentials.keyId && fields.secret === this.credentials.secretKey) {
        client.authenticated = true;
        this.control(client, { T: 'success', msg: 'authenticated' });
      } else this.control(client, { T: 'error', code: 402, msg: 'auth failed' });
      return;
    }
    if (fields.action !== 'subscribe' && fields.action !== 'unsubscribe') {
      this.control(client, { T: 'error', code: 400, msg: 'invalid syntax' });
      return;
    }
    if (!client.authenticated) {
      this.control(client, { T: 'error', code: 401, msg: 'not authenticated' });
      return;
    }
    for (const channel of CHANNELS) {
      const symbols = fields[channel];
      if (!Array.isArray(symbols)) continue;
      for (const symbol of symbols) {
        if (typeof symbol !== 'string') continue;
        if (fields.action === 'subscribe') client.subscriptions[channel].add(symbol);
        else client.subscriptions[channel].delete(symbol);
      }
    }
    const subscription: Record<string, unknown> = { T: 'subscription' };
    for (const channel of CHANNELS) subscription[channel] = [...client.subscriptions[channel]];
    for (const channel of EMPTY_CHANNELS) subscription[channel] = [];
    this.control(client, subscription);
  }

  private control(client: Client, message: Record<string, unknown>): void {
    client.connection.send([message]);
  }

  private broadcast(
    channel: Channel,
    symbol: string,
    message: (msgpack: boolean) => Record<string, unknown>,
  ): void {
    for (const client of this.clients) {
      const wanted = client.subscriptions[channel];
      if (!client.authenticated || !(wanted.has(symbol) || wanted.has('*'))) continue;
      client.connection.send([message(client.connection.msgpack)]);
    }
  }
}

/** A time as the stream carries it: a Date (a MessagePack timestamp) or an RFC 3339 string. */
function streamTime(ms: number, msgpack: boolean): Date | string {
  return msgpack ? new Date(ms) : new Date(ms).toISOString();
}

function barMessage(bar: Bar) {
  return (msgpack: boolean) => ({
    T: 'b',
    S: bar.instrumentId,
    o: bar.open,
    h: bar.high,
    l: bar.low,
    c: bar.close,
    v: bar.volume,
    t: streamTime(bar.tsEvent, msgpack),
  });
}

function quoteMessage(quote: Quote) {
  return (msgpack: boolean) => ({
    T: 'q',
    S: quote.instrumentId,
    bp: quote.bidPrice,
    bs: quote.bidSize,
    ap: quote.askPrice,
    as: quote.askSize,
    t: streamTime(quote.tsEvent, msgpack),
  });
}

function tradeMessage(trade: TradeTick) {
  return (msgpack: boolean) => ({
    T: 't',
    S: trade.instrumentId,
    i: trade.tsEvent,
    p: trade.price,
    s: trade.size,
    t: streamTime(trade.tsEvent, msgpack),
  });
}
