import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaperBroker } from '../../paper/paper-broker.js';
import { DataStreamServer } from './data-stream-server.js';
import { AlpacaHttpError, HttpRouter, toAlpacaError } from './http-router.js';
import { MarketCalendar } from './market-calendar.js';
import { addMarketDataRoutes } from './market-data-routes.js';
import { headerCredentialsValid, type SandboxCredentials } from './stream-connection.js';
import { addTradingRoutes, venueOrderJson } from './trading-routes.js';
import { TradingStreamServer } from './trading-stream-server.js';

/** Faults to inject, for tests of clients' error handling. */
export interface SandboxFaults {
  /** Before a request is handled: a status answers it with Alpaca's error body, unprocessed; 'reset' drops the connection, unprocessed. */
  before?(method: string, path: string): number | 'reset' | null;
  /** After a request took effect: 'reset' drops the connection instead of answering (the outcome is lost). */
  after?(method: string, path: string): 'reset' | null;
}

export interface AlpacaSandboxOptions extends SandboxCredentials {
  readonly broker: PaperBroker;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Largest page of bars (Alpaca: 10,000). */
  readonly maxPageSize?: number;
  /** Requests per minute before 429 (Alpaca: 200); absent: no limit. */
  readonly rateLimitPerMinute?: number;
  readonly faults?: SandboxFaults;
}

export interface AlpacaSandbox {
  /** Base URL of both REST APIs (trading and market data share the server): http://127.0.0.1:PORT. */
  readonly url: string;
  /** The market data stream: ws://127.0.0.1:PORT/v2/iex (also served at /v2/sip and /v2/test). */
  readonly dataStreamUrl: string;
  /** The trading stream: ws://127.0.0.1:PORT/stream. */
  readonly tradingStreamUrl: string;
  /** Drops every websocket connection (clients' reconnect tests). */
  dropStreamConnections(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const ERROR_BODY_FOR_STATUS: Readonly<Record<number, { code: number; message: string }>> = {
  429: { code: 42910000, message: 'rate limit exceeded' },
  500: { code: 50010000, message: 'internal server error' },
  503: { code: 50310000, message: 'service unavailable' },
};

/**
 * A local Alpaca-compatible server (issue 9): Trading API v2 and Market Data v2 REST, the market data stream
 * and the trading stream, in Alpaca's documented formats, with the paper broker behind them. Used by the
 * test suite (our adapter's contract tests, the official SDK) and by `neural-trader sandbox alpaca` as an
 * offline sandbox. Requests need the APCA-API-KEY-ID / APCA-API-SECRET-KEY headers of the configured pair
 * (401 otherwise); errors are `{code, message}` with Alpaca's statuses.
 */
export async function startAlpacaSandbox(options: AlpacaSandboxOptions): Promise<AlpacaSandbox> {
  const { broker } = options;
  const credentials = { keyId: options.keyId, secretKey: options.secretKey };
  const router = new HttpRouter();
  addTradingRoutes(router, broker, new MarketCalendar(broker.replay.allSeries));
  addMarketDataRoutes(
    router,
    broker,
    options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize },
  );
  const dataStream = new DataStreamServer(credentials, broker.marketData);
  await dataStream.start();
  const tradingStream = new TradingStreamServer(credentials, broker.venue, (update) =>
    venueOrderJson(broker.venue, update.order, true),
  );
  const limiter = new MinuteWindow(options.rateLimitPerMinute);

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const method = request.method ?? 'GET';
    const fault = options.faults?.before?.(method, url.pathname) ?? null;
    if (fault === 'reset') return void request.socket.destroy();
    try {
      const body = await readBody(request);
      if (!headerCredentialsValid(request, credentials))
        throw new AlpacaHttpError(401, 40110000, 'request is not authorized');
      limiter.headers(response);
      if (fault !== null) {
        const known = ERROR_BODY_FOR_STATUS[fault] ?? {
          code: fault * 100_000,
          message: `injected status ${fault}`,
        };
        throw new AlpacaHttpError(fault, known.code, known.message);
      }
      if (!limiter.take()) throw new AlpacaHttpError(429, 42910000, 'rate limit exceeded');
      const route = router.match(method, url.pathname);
      if (route === null) {
        throw router.hasPath(url.pathname)
          ? new AlpacaHttpError(405, 40510000, `method ${method} not allowed`)
          : new AlpacaHttpError(404, 40410000, 'endpoint not found');
      }
      const result = await route.handler({
        method,
        path: url.pathname,
        params: route.params,
        query: url.searchParams,
        body,
      });
      if (options.faults?.after?.(method, url.pathname) === 'reset') return void request.socket.destroy();
      send(response, result.status, result.body);
    } catch (error) {
      const failure = toAlpacaError(error);
      send(response, failure.status, { code: failure.code, message: failure.message });
    }
  };
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    if (path === '/stream') tradingStream.handleUpgrade(request, socket, head);
    else if (path === '/v2/iex' || path === '/v2/sip' || path === '/v2/test')
      dataStream.handleUpgrade(request, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    dataStreamUrl: `ws://${host}:${port}/v2/iex`,
    tradingStreamUrl: `ws://${host}:${port}/stream`,
    dropStreamConnections: () => {
      dataStream.dropConnections();
      tradingStream.dropConnections();
    },
    close: async () => {
      await Promise.all([dataStream.close(), tradingStream.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AlpacaHttpError(413, 41310000, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AlpacaHttpError(400, 40010000, 'request body format is invalid');
  }
}

/** Alpaca's request budget: `limit` requests per clock minute, reported in X-RateLimit-* headers. */
class MinuteWindow {
  private windowStart = 0;
  private used = 0;

  constructor(private readonly limit: number | undefined) {}

  take(): boolean {
    if (this.limit === undefined) return true;
    this.roll();
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  headers(response: ServerResponse): void {
    if (this.limit === undefined) return;
    this.roll();
    response.setHeader('X-RateLimit-Limit', String(this.limit));
    response.setHeader('X-RateLimit-Remaining', String(Math.max(0, this.limit - this.used - 1)));
    response.setHeader('X-RateLimit-Reset', String(Math.ceil((this.windowStart + 60_000) / 1000)));
  }

  private roll(): void {
    const now = Date.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}
