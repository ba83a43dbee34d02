import { InvalidInputError, quote } from '../core/errors.js';
import { startAlpacaSandbox } from '../adapters/alpaca/sandbox/alpaca-sandbox-server.js';
import { PaperBroker, DEFAULT_PAPER_CASH } from '../adapters/paper/paper-broker.js';
import { DEFAULT_SEED, DEFAULT_START, generateDefaultMarket } from '../data/synthetic/index.js';

export interface AlpacaSandboxSettings {
  /** Default 0 (any free port); the server listens on 127.0.0.1 only. */
  readonly port?: number;
  /** The key pair clients must send; defaults are printed by the CLI, nothing secret is at stake. */
  readonly keyId?: string;
  readonly secretKey?: string;
  /** Replay speed in market ms per wall ms; default 60 (one minute bar a second). */
  readonly speed?: number;
  /** Trading days of minute bars generated (history included); default 5. */
  readonly days?: number;
  /** Of those, days already in the past when the server starts (served as history); default 2. */
  readonly historyDays?: number;
  readonly seed?: number;
  readonly startingCash?: number;
}

export interface RunningAlpacaSandbox {
  /** Base URL of the Trading and Market Data REST APIs (set both ALPACA_BASE_URL and the data URL to it). */
  readonly url: string;
  readonly dataStreamUrl: string;
  readonly tradingStreamUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly symbols: readonly string[];
  /** Market time the replay starts at (epoch ms). */
  readonly startsAt: number;
  close(): Promise<void>;
}

export const DEFAULT_SANDBOX_KEY_ID = 'sandbox-key';
export const DEFAULT_SANDBOX_SECRET_KEY = 'sandbox-secret';
const MINUTE_BARS_PER_DAY = 390;

/**
 * `neural-trader sandbox alpaca [--port N]`: an offline Alpaca. Generates the default synthetic universe as
 * minute bars (seeded, so every run serves the same market), puts the paper broker behind a local
 * Alpaca-compatible server on 127.0.0.1 and starts replaying after `historyDays` days of history at `speed`.
 * Any Alpaca client (ours, the official SDKs) pointed at `url` trades there without keys or network.
 */
export async function startLocalAlpacaSandbox(
  settings: AlpacaSandboxSettings = {},
): Promise<RunningAlpacaSandbox> {
  const days = settings.days ?? 5;
  const historyDays = settings.historyDays ?? 2;
  if (!(Number.isInteger(days) && days >= 1))
    throw new InvalidInputError(`days ${quote(days)} must be an integer >= 1`);
  if (!(Number.isInteger(historyDays) && historyDays >= 0 && historyDays < days)) {
    throw new InvalidInputError(`historyDays ${quote(historyDays)} must be an integer in [0, days)`);
  }
  const port = settings.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new InvalidInputError(`port ${quote(port)} must be an integer in [0, 65535]`);
  }
  const market = generateDefaultMarket({
    timeframe: '1m',
    days,
    seed: settings.seed ?? DEFAULT_SEED,
    start: DEFAULT_START,
  });
  const series = [...market.series.values()];
  const first = series[0];
  if (first === undefined) throw new InvalidInputError('the synthetic universe has no symbols');
  const startsAt = first.ts[historyDays * MINUTE_BARS_PER_DAY] as number;
  const broker = new PaperBroker({
    series,
    instruments: market.instruments,
    startingCash: settings.startingCash ?? DEFAULT_PAPER_CASH,
    speed: settings.speed ?? 60,
    startAt: startsAt,
  });
  const keyId = settings.keyId ?? DEFAULT_SANDBOX_KEY_ID;
  const secretKey = settings.secretKey ?? DEFAULT_SANDBOX_SECRET_KEY;
  const sandbox = await startAlpacaSandbox({ broker, keyId, secretKey, port });
  broker.start();
  return {
    url: sandbox.url,
    dataStreamUrl: sandbox.dataStreamUrl,
    tradingStreamUrl: sandbox.tradingStreamUrl,
    keyId,
    secretKey,
    symbols: broker.replay.symbols,
    startsAt,
    close: async () => {
      broker.stop();
      await sandbox.close();
    },
  };
}
