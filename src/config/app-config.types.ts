import type { LogLevel } from './rules.js';
import type { TradingConfig } from './trading-config-schema.js';

/**
 * The resolved, typed, frozen application configuration. Precedence for each setting: explicit overrides
 * (CLI flags) > environment variables > config file > defaults. Absent optional values are `null`.
 * Secret fields are marked; print a config only through `redactConfig`.
 */
export interface AppConfig {
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly logLevel: LogLevel;
    /** Number of API server worker processes. */
    readonly workers: number;
  };
  readonly auth: {
    readonly enabled: boolean;
    /** Secret (JWT_SECRET_KEY); at least 32 characters whenever `enabled`. */
    readonly jwtSecretKey: string | null;
    readonly username: string | null;
    /** Secret (AUTH_PASSWORD). */
    readonly password: string | null;
  };
  readonly alpaca: {
    /** Secret (ALPACA_API_KEY). */
    readonly apiKey: string | null;
    /** Secret (ALPACA_SECRET_KEY). */
    readonly secretKey: string | null;
    /** Paper endpoint by default; the live endpoint is accepted only with `trading.liveTradingEnabled`. */
    readonly baseUrl: string;
  };
  /** API keys of market-data and news providers, all secrets. */
  readonly providers: {
    readonly newsApiKey: string | null;
    readonly finnhubApiKey: string | null;
    readonly polygonApiKey: string | null;
    readonly alphaVantageApiKey: string | null;
    /** Federal Reserve Economic Data (macro series for news context). */
    readonly fredApiKey: string | null;
  };
  readonly performance: {
    readonly batchSize: number;
    /** Size of the worker_threads pool; defaults to the machine's CPU count. */
    readonly maxWorkers: number;
    readonly cacheTtlSeconds: number;
  };
  readonly data: {
    /** Directory for the embedded store, models and caches; relative paths are relative to the cwd. */
    readonly dir: string;
    /** PostgreSQL URL for scale-out; may embed a password, so it is redacted like a secret. */
    readonly databaseUrl: string | null;
    /** Redis URL for distributed jobs and caches; may embed a password. */
    readonly redisUrl: string | null;
  };
  readonly gpu: {
    /** Passed through to CUDA; "" means no GPU is visible. */
    readonly cudaVisibleDevices: string | null;
  };
  readonly trading: TradingConfig & {
    /** Off unless LIVE_TRADING_ENABLED=true: real-money trading is never the default. */
    readonly liveTradingEnabled: boolean;
  };
  /** The config file that was read, if any. */
  readonly configPath: string | null;
}
