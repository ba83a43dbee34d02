import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';

export const ALPACA_PAPER_URL = 'https://paper-api.alpaca.markets';
export const ALPACA_LIVE_HOST = 'api.alpaca.markets';
export const ALPACA_DATA_URL = 'https://data.alpaca.markets';
export const ALPACA_DATA_STREAM_HOST = 'wss://stream.data.alpaca.markets';

export interface AlpacaRetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff before the second attempt; doubles for each further one, capped at maxDelayMs, with jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest wait a 429's reset time may ask for; beyond it the error goes to the caller. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_ALPACA_RETRY: AlpacaRetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 60_000,
};

/** Alpaca's documented limit for the Trading API: 200 requests a minute per account. */
export const ALPACA_REQUESTS_PER_MINUTE = 200;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface AlpacaConfig {
  readonly keyId: string;
  readonly secretKey: string;
  /** Trading API base (ALPACA_BASE_URL): the paper endpoint by default; a trailing `/v2` is accepted. */
  readonly baseUrl?: string;
  /** Market Data API base; default https://data.alpaca.markets. */
  readonly dataUrl?: string;
  /** Market data stream; default wss://stream.data.alpaca.markets/v2/{feed}, or dataUrl's host when dataUrl is set. */
  readonly dataStreamUrl?: string;
  /** Trading stream; default the trading host's /stream. */
  readonly tradingStreamUrl?: string;
  readonly feed?: 'iex' | 'sip';
  /** Encoding asked of the market data stream: MessagePack (what Alpaca's SDKs use, the default) or JSON. */
  readonly streamEncoding?: 'msgpack' | 'json';
  /** Token bucket size and refill per minute, per API host; default 200. */
  readonly requestsPerMinute?: number;
  readonly retry?: AlpacaRetryPolicy;
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
  /** Reconnect backoff of the streams: first wait, doubling up to the maximum. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface ResolvedAlpacaConfig extends Required<Omit<AlpacaConfig, 'clock' | 'sleep' | 'random'>> {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly random: () => number;
  /** True only for the live trading host. */
  readonly live: boolean;
}

const systemClock: Clock = { now: () => Date.now() };

/** Waits `ms`; rejects with the signal's reason if it aborts first. */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function parseUrl(name: string, value: string, schemes: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(`${name} ${quote(value)} must be an absolute URL`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new InvalidInputError(`${name} ${quote(value)} must use ${schemes.join(' or ')}`);
  }
  return url;
}

/** Strips a trailing slash and a trailing `/v2` (paths are added per request). */
function base(url: URL): string {
  return url.href.replace(/\/+$/, '').replace(/\/v2$/, '');
}

function toWebSocket(url: URL): string {
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/** Checks the config and fills the defaults; `live` is true only for https://api.alpaca.markets. */
export function resolveAlpacaConfig(config: AlpacaConfig): ResolvedAlpacaConfig {
  if (config.keyId === '' || config.secretKey === '') {
    throw new InvalidInputError('the Alpaca key id and secret key must both be set');
  }
  const trading = parseUrl('ALPACA_BASE_URL', config.baseUrl ?? ALPACA_PAPER_URL, ['https:', 'http:']);
  const data = parseUrl('the Alpaca data URL', config.dataUrl ?? ALPACA_DATA_URL, ['https:', 'http:']);
  const feed = config.feed ?? 'iex';
  const dataStreamHost = config.dataUrl === undefined ? ALPACA_DATA_STREAM_HOST : toWebSocket(data);
  const requestsPerMinute = config.requestsPerMinute ?? ALPACA_REQUESTS_PER_MINUTE;
  if (!(Number.isInteger(requestsPerMinute) && requestsPerMinute >= 1)) {
    throw new InvalidInputError(`requestsPerMinute ${quote(requestsPerMinute)} must be an integer >= 1`);
  }
  return {
    keyId: config.keyId,
    secretKey: config.secretKey,
    baseUrl: base(trading),
    dataUrl: base(data),
    dataStreamUrl: config.dataStreamUrl ?? `${dataStreamHost}/v2/${feed}`,
    tradingStreamUrl: config.tradingStreamUrl ?? `${toWebSocket(trading)}/stream`,
    feed,
    streamEncoding: config.streamEncoding ?? 'msgpack',
    requestsPerMinute,
    retry: config.retry ?? DEFAULT_ALPACA_RETRY,
    timeoutMs: config.timeoutMs ?? 10_000,
    reconnectDelayMs: config.reconnectDelayMs ?? 500,
    maxReconnectDelayMs: config.maxReconnectDelayMs ?? 30_000,
    clock: config.clock ?? systemClock,
    sleep: config.sleep ?? systemSleep,
    random: config.random ?? Math.random,
    live: trading.protocol === 'https:' && trading.hostname === ALPACA_LIVE_HOST,
  };
}
