import type { BarSeries } from '../../../data/bar-series.js';
import type { Timeframe } from '../../../model/timeframe.js';
import type { PaperBroker } from '../../paper/paper-broker.js';
import type { AlpacaBar } from '../alpaca-schemas.js';
import {
  AlpacaHttpError,
  type HttpRouter,
  type SandboxRequest,
  type SandboxResponse,
} from './http-router.js';
import { barJson, quoteJson, tradeJson } from './wire-format.js';

const DAY = 86_400_000;
const DEFAULT_LIMIT = 1_000;
const MAX_LIMIT = 10_000;

/** Alpaca's timeframe strings for our timeframes (`1Min`, `1Hour`, `1Day`; `T`, `H`, `D`, `W` short forms). */
export function parseAlpacaTimeframe(raw: string): Timeframe | null {
  const match = /^(\d+)(Min|T|Hour|H|Day|D|Week|W)$/.exec(raw);
  if (match === null) return null;
  const unit = { Min: 'm', T: 'm', Hour: 'h', H: 'h', Day: 'd', D: 'd', Week: 'w', W: 'w' }[
    match[2] as string
  ];
  const timeframe = `${Number(match[1])}${unit ?? ''}`;
  return (['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const).find((t) => t === timeframe) ?? null;
}

export interface MarketDataRouteOptions {
  /** Largest page the bars endpoints return (Alpaca: 10,000); smaller values exercise pagination. */
  readonly maxPageSize?: number;
}

interface BarsQuery {
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly descending: boolean;
}

/** The Market Data v2 stock routes over the paper feed (see alpaca-sandbox-server.ts). */
export function addMarketDataRoutes(
  router: HttpRouter,
  broker: PaperBroker,
  options: MarketDataRouteOptions = {},
): void {
  const data = broker.marketData;
  const maxPage = Math.min(options.maxPageSize ?? MAX_LIMIT, MAX_LIMIT);

  const query = (request: SandboxRequest): BarsQuery => {
    const raw = request.query.get('timeframe') ?? '';
    const timeframe = parseAlpacaTimeframe(raw);
    if (timeframe === null) throw new AlpacaHttpError(422, 42210000, `invalid timeframe "${raw}"`);
    const now = broker.replay.now();
    const from = time(request, 'start', Math.floor(now / DAY) * DAY);
    // `end` is inclusive at Alpaca; the port's `to` is exclusive.
    const to = time(request, 'end', now) + 1;
    const limit = Number(request.query.get('limit') ?? DEFAULT_LIMIT);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
      throw new AlpacaHttpError(
        422,
        42210000,
        `limit "${request.query.get('limit') ?? ''}" must be an integer in [1, 10000]`,
      );
    }
    return {
      timeframe,
      from,
      to,
      limit: Math.min(limit, maxPage),
      descending: request.query.get('sort') === 'desc',
    };
  };
  const bars = async (symbol: string, q: BarsQuery): Promise<AlpacaBar[]> => {
    const series = await data.historicalBars({ symbol, timeframe: q.timeframe, from: q.from, to: q.to });
    const list = toBars(series);
    return q.descending ? list.reverse() : list;
  };

  router
    .add('GET', '/v2/stocks/bars', async (request) => {
      const q = query(request);
      const symbols = symbolsOf(request);
      const token = decodeToken(request);
      const result: Record<string, AlpacaBar[]> = {};
      let count = 0;
      let next: string | null = null;
      for (const symbol of symbols) {
        if (token !== null && symbol < token.symbol) continue;
        const list = (await bars(symbol, q)).filter(
          (b) => token === null || symbol > token.symbol || !before(b, token.t, q),
        );
        for (const bar of list) {
          if (count === q.limit) {
            next ??= encodeToken(symbol, bar.t);
            break;
          }
          (result[symbol] ??= []).push(bar);
          count += 1;
        }
        if (next !== null) break;
      }
      return json({ bars: result, next_page_token: next });
    })
    .add('GET', '/v2/stocks/quotes/latest', async (request) => {
      const quotes: Record<string, unknown> = {};
      for (const symbol of symbolsOf(request)) {
        const quote = await data.latestQuote(symbol).catch(() => null);
        if (quote !== null) quotes[symbol] = quoteJson(quote);
      }
      return json({ quotes });
    })
    .add('GET', '/v2/stocks/trades/latest', async (request) => {
      const trades: Record<string, unknown> = {};
      for (const symbol of symbolsOf(request)) {
        const trade = await data.latestTrade(symbol).catch(() => null);
        if (trade !== null) trades[symbol] = tradeJson(trade);
      }
      return json({ trades });
    })
    .add('GET', '/v2/stocks/:symbol/bars', async (request) => {
      const symbol = (request.params.symbol ?? '').toUpperCase();
      const q = query(request);
      const token = decodeToken(request);
      const list = (await bars(symbol, q)).filter((b) => token === null || !before(b, token.t, q));
      const page = list.slice(0, q.limit);
      const next = list[q.limit];
      return json({
        bars: page,
        symbol,
        next_page_token: next === undefined ? null : encodeToken(symbol, next.t),
      });
    })
    .add('GET', '/v2/stocks/:symbol/bars/latest', (request) => {
      const symbol = (request.params.symbol ?? '').toUpperCase();
      const bar = data.lastBar(symbol);
      if (bar === null) throw new AlpacaHttpError(404, 40410000, `no bar found for "${symbol}"`);
      return json({ symbol, bar: barJson(bar.tsEvent, bar.open, bar.high, bar.low, bar.close, bar.volume) });
    })
    .add('GET', '/v2/stocks/:symbol/quotes/latest', async (request) => {
      const symbol = (request.params.symbol ?? '').toUpperCase();
      return json({ symbol, quote: quoteJson(await data.latestQuote(symbol)) });
    })
    .add('GET', '/v2/stocks/:symbol/trades/latest', async (request) => {
      const symbol = (request.params.symbol ?? '').toUpperCase();
      return json({ symbol, trade: tradeJson(await data.latestTrade(symbol)) });
    });
}

function json(body: unknown): SandboxResponse {
  return { status: 200, body };
}

function time(request: SandboxRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms))
    throw new AlpacaHttpError(422, 42210000, `${name} "${raw}" must be an RFC 3339 time or a date`);
  return ms;
}

function symbolsOf(request: SandboxRequest): string[] {
  const raw = request.query.get('symbols') ?? '';
  const symbols = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (symbols.length === 0) throw new AlpacaHttpError(422, 42210000, 'symbols is required');
  return [...new Set(symbols)].sort();
}

function toBars(series: BarSeries): AlpacaBar[] {
  const list: AlpacaBar[] = [];
  for (let i = 0; i < series.length; i++) {
    list.push(
      barJson(
        series.ts[i] as number,
        series.open[i] as number,
        series.high[i] as number,
        series.low[i] as number,
        series.close[i] as number,
        series.volume[i] as number,
      ),
    );
  }
  return list;
}

/** Whether `bar` comes before the page token's bar in the query's order (asc by time unless descending). */
function before(bar: AlpacaBar, tokenTime: string, q: BarsQuery): boolean {
  const difference = Date.parse(bar.t) - Date.parse(tokenTime);
  return q.descending ? difference > 0 : difference < 0;
}

/** An opaque page token: where the next page starts (symbol and bar time), base64url-encoded. */
function encodeToken(symbol: string, t: string): string {
  return Buffer.from(JSON.stringify({ symbol, t }), 'utf8').toString('base64url');
}

function decodeToken(request: SandboxRequest): { symbol: string; t: string } | null {
  const raw = request.query.get('page_token');
  if (raw === null || raw === '') return null;
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as {
      symbol?: unknown;
      t?: unknown;
    };
    if (typeof token.symbol === 'string' && typeof token.t === 'string')
      return { symbol: token.symbol, t: token.t };
  } catch {
    // Falls through to the 422 below.
  }
  throw new AlpacaHttpError(422, 42210000, `page_token "${raw}" is not one this server issued`);
}
