import { z } from 'zod';
import { invariant, quote } from '../core/errors.js';
import {
  apiUrl,
  connectionUrl,
  envBoolean,
  envInteger,
  envLogLevel,
  filePath,
  hostName,
  type LogLevel,
} from './rules.js';

/** Every environment variable the platform reads. Anything else in the environment is ignored. */
export const ENV_KEYS = [
  'AUTH_ENABLED',
  'JWT_SECRET_KEY',
  'AUTH_USERNAME',
  'AUTH_PASSWORD',
  'ALPACA_API_KEY',
  'ALPACA_SECRET_KEY',
  'ALPACA_BASE_URL',
  'NEWS_API_KEY',
  'FINNHUB_API_KEY',
  'POLYGON_API_KEY',
  'ALPHA_VANTAGE_API_KEY',
  'FRED_API_KEY',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'WORKERS',
  'BATCH_SIZE',
  'MAX_WORKERS',
  'CACHE_TTL',
  'NT_DATA_DIR',
  'NT_CONFIG',
  'LIVE_TRADING_ENABLED',
  'DATABASE_URL',
  'REDIS_URL',
  'CUDA_VISIBLE_DEVICES',
] as const;
export type EnvKey = (typeof ENV_KEYS)[number];

/** The environment as the schema reads it: only known keys, each a string when set. */
export type RawEnv = Partial<Record<EnvKey, string>>;

export const PAPER_ALPACA_BASE_URL = 'https://paper-api.alpaca.markets';
/** Alpaca's real-money trading host; using it requires LIVE_TRADING_ENABLED=true. */
export const LIVE_ALPACA_HOST = 'api.alpaca.markets';
export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * Defaults that do not depend on the machine. HOST is 127.0.0.1 rather than the original's 0.0.0.0: secure
 * by default, the server is reachable only from this machine until the operator sets HOST=0.0.0.0 (as a
 * container needs) and, sensibly, AUTH_ENABLED=true.
 */
export const ENV_DEFAULTS = {
  AUTH_ENABLED: false,
  ALPACA_BASE_URL: PAPER_ALPACA_BASE_URL,
  PORT: 8080,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info' as LogLevel,
  WORKERS: 1,
  BATCH_SIZE: 32,
  CACHE_TTL: 60,
  NT_DATA_DIR: './.neural-trader',
  LIVE_TRADING_ENABLED: false,
} as const;

export interface EnvSchemaOptions {
  /** Default for MAX_WORKERS: the caller passes os.availableParallelism() so the schema stays pure. */
  readonly cpuCount: number;
}

/**
 * The one schema for environment variables. Input is a {@link RawEnv} (see {@link pickEnv}); output keeps
 * the variable names, typed and defaulted. Cross-variable rules:
 * - AUTH_ENABLED=true requires JWT_SECRET_KEY of at least 32 characters (HS256 needs >= 256 bits of key).
 * - ALPACA_BASE_URL on the live host (api.alpaca.markets) requires LIVE_TRADING_ENABLED=true: real money
 *   is never at risk unless the operator says so twice.
 */
export function createEnvSchema(options: EnvSchemaOptions) {
  invariant(
    Number.isSafeInteger(options.cpuCount) && options.cpuCount >= 1,
    `cpuCount ${quote(options.cpuCount)} must be an integer >= 1`,
  );
  const text = z.string();
  return z
    .object({
      AUTH_ENABLED: envBoolean().default(ENV_DEFAULTS.AUTH_ENABLED),
      JWT_SECRET_KEY: text.optional(),
      AUTH_USERNAME: text.optional(),
      AUTH_PASSWORD: text.optional(),
      ALPACA_API_KEY: text.optional(),
      ALPACA_SECRET_KEY: text.optional(),
      ALPACA_BASE_URL: apiUrl().default(ENV_DEFAULTS.ALPACA_BASE_URL),
      NEWS_API_KEY: text.optional(),
      FINNHUB_API_KEY: text.optional(),
      POLYGON_API_KEY: text.optional(),
      ALPHA_VANTAGE_API_KEY: text.optional(),
      FRED_API_KEY: text.optional(),
      PORT: envInteger(1, 65535).default(ENV_DEFAULTS.PORT),
      HOST: hostName().default(ENV_DEFAULTS.HOST),
      LOG_LEVEL: envLogLevel().default(ENV_DEFAULTS.LOG_LEVEL),
      WORKERS: envInteger(1).default(ENV_DEFAULTS.WORKERS),
      BATCH_SIZE: envInteger(1).default(ENV_DEFAULTS.BATCH_SIZE),
      MAX_WORKERS: envInteger(1).default(options.cpuCount),
      CACHE_TTL: envInteger(0).default(ENV_DEFAULTS.CACHE_TTL),
      NT_DATA_DIR: filePath().default(ENV_DEFAULTS.NT_DATA_DIR),
      NT_CONFIG: filePath().optional(),
      LIVE_TRADING_ENABLED: envBoolean().default(ENV_DEFAULTS.LIVE_TRADING_ENABLED),
      DATABASE_URL: connectionUrl(['postgres:', 'postgresql:']).optional(),
      REDIS_URL: connectionUrl(['redis:', 'rediss:']).optional(),
      CUDA_VISIBLE_DEVICES: text.optional(),
    })
    .superRefine((env, context) => {
      // A field that failed its own rule keeps its raw text here, so compare with `=== true`.
      if (env.AUTH_ENABLED === true) {
        const secret = env.JWT_SECRET_KEY;
        if (secret === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['JWT_SECRET_KEY'],
            message: `must be set (at least ${JWT_SECRET_MIN_LENGTH} characters) when AUTH_ENABLED is true`,
          });
        } else if (secret.length < JWT_SECRET_MIN_LENGTH) {
          context.addIssue({
            code: 'custom',
            path: ['JWT_SECRET_KEY'],
            message: `must be at least ${JWT_SECRET_MIN_LENGTH} characters when AUTH_ENABLED is true`,
          });
        }
      }
      if (env.LIVE_TRADING_ENABLED !== true && isLiveAlpacaUrl(env.ALPACA_BASE_URL)) {
        context.addIssue({
          code: 'custom',
          path: ['ALPACA_BASE_URL'],
          message: `is the live-trading (real money) endpoint: it needs LIVE_TRADING_ENABLED=true, or use ${PAPER_ALPACA_BASE_URL}`,
        });
      }
    });
}

export type EnvSchema = ReturnType<typeof createEnvSchema>;
export type Env = z.output<EnvSchema>;

function isLiveAlpacaUrl(text: string): boolean {
  return URL.canParse(text) && new URL(text).hostname === LIVE_ALPACA_HOST;
}

/**
 * Picks the known variables out of a (large) process environment. Empty text counts as unset
 * (`PORT=` in a .env file means "use the default"), except CUDA_VISIBLE_DEVICES, where "" means "no GPU".
 */
export function pickEnv(env: Readonly<Record<string, string | undefined>>): RawEnv {
  const picked: RawEnv = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value === undefined) continue;
    if (value === '' && key !== 'CUDA_VISIBLE_DEVICES') continue;
    picked[key] = value;
  }
  return picked;
}
