import { AlpacaExecutionClient } from '../../adapters/alpaca/alpaca-execution-client.js';
import { AlpacaMarketDataClient } from '../../adapters/alpaca/alpaca-market-data-client.js';
import { DEFAULT_PAPER_CASH, PaperBroker } from '../../adapters/paper/paper-broker.js';
import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import { generateDefaultMarket } from '../../data/synthetic/index.js';
import type { ExecutionClient } from '../../engine/execution-client.types.js';
import type { MarketDataClient } from '../../engine/market-data-client.types.js';
import { SystemClock } from '../../live/system-clock.js';
import { timeframeMs, type Timeframe } from '../../model/timeframe.js';
import type { AppConfig } from '../../config/app-config.types.js';
import type { Instrument } from '../../model/instrument.js';

export const TRADING_BROKERS = ['paper', 'alpaca'] as const;
export type TradingBroker = (typeof TRADING_BROKERS)[number];

/** The ports a trading node runs on, and the clock they keep. */
export interface BrokerConnection {
  readonly client: ExecutionClient;
  readonly marketData: MarketDataClient;
  readonly clock: Clock;
  /** Starts the feed (the paper replay); a no-op for a real broker. */
  start(): void;
  close(): void;
  /** Paper only: the replay's symbols. */
  readonly symbols: readonly string[] | null;
  /** Paper only: the replay's instruments (lot and tick sizes). */
  readonly instruments: readonly Instrument[] | null;
}

/** Days of synthetic bars a paper session replays per time frame (a fifth of them is history). */
const PAPER_DAYS: Readonly<Record<string, number>> = { '1m': 5, '1d': 500 };

export interface PaperSessionOptions {
  readonly timeframe: Timeframe;
  /** Market ms per wall ms; default: one bar a second. Infinity: as fast as possible. */
  readonly speed?: number;
  readonly startingCash?: number;
  /** The paper account's id: a new one per session, so the journal of an earlier paper session is not reconciled against a fresh paper broker. */
  readonly accountId: string;
}

/**
 * `--broker paper` (the default, no keys, no network): the paper broker on a replay of the seeded synthetic
 * universe at the session's time frame; the replay is the clock.
 */
export function paperConnection(options: PaperSessionOptions): BrokerConnection {
  const timeframe = options.timeframe;
  if (timeframe !== '1m' && timeframe !== '1d') {
    throw new InvalidInputError(
      `time frame ${quote(timeframe)}: the paper replay of the synthetic universe has 1m and 1d bars only`,
    );
  }
  const market = generateDefaultMarket({ timeframe, days: PAPER_DAYS[timeframe] ?? 60 });
  const series = [...market.series.values()];
  const first = series[0];
  if (first === undefined) throw new InvalidInputError('the synthetic universe has no symbols');
  const broker = new PaperBroker({
    series,
    instruments: market.instruments,
    startingCash: options.startingCash ?? DEFAULT_PAPER_CASH,
    speed: options.speed ?? timeframeMs(options.timeframe) / 1_000,
    startAt: first.ts[Math.floor(first.length / 5)] as number,
    accountId: options.accountId,
  });
  return {
    client: broker.execution,
    marketData: broker.marketData,
    clock: broker.replay,
    start: () => broker.start(),
    close: () => broker.stop(),
    symbols: broker.replay.symbols,
    instruments: market.instruments,
  };
}

/**
 * `--broker alpaca`: Trading API at ALPACA_BASE_URL (the paper endpoint unless configured otherwise) with
 * the system clock. A loopback base URL (the local sandbox) serves market data too.
 */
export function alpacaConnection(config: AppConfig): BrokerConnection {
  const { apiKey, secretKey, baseUrl } = config.alpaca;
  if (apiKey === null || secretKey === null) {
    throw new InvalidInputError(
      '--broker alpaca needs ALPACA_API_KEY and ALPACA_SECRET_KEY (or use --broker paper)',
    );
  }
  const host = new URL(baseUrl).hostname;
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  const alpaca = { keyId: apiKey, secretKey, baseUrl, ...(loopback ? { dataUrl: baseUrl } : {}) };
  return {
    client: new AlpacaExecutionClient(alpaca),
    marketData: new AlpacaMarketDataClient(alpaca),
    clock: new SystemClock(),
    start: () => undefined,
    close: () => undefined,
    symbols: null,
    instruments: null,
  };
}

/** Parses `--speed`: `60x`, `60`, or `max` (as fast as possible). */
export function parseSpeed(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'max') return Number.POSITIVE_INFINITY;
  const value = Number(trimmed.endsWith('x') ? trimmed.slice(0, -1) : trimmed);
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InvalidInputError(`speed ${quote(text)} must look like 60x (market time per wall time) or max`);
  }
  return value;
}
