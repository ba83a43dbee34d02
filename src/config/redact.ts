import type { AppConfig } from './app-config.types.js';
import { deepFreeze } from './deep-freeze.js';

/** Environment variables whose values are secrets: never printed, logged or returned by an API. */
export const SECRET_KEYS = [
  'JWT_SECRET_KEY',
  'AUTH_PASSWORD',
  'ALPACA_API_KEY',
  'ALPACA_SECRET_KEY',
  'NEWS_API_KEY',
  'FINNHUB_API_KEY',
  'POLYGON_API_KEY',
  'ALPHA_VANTAGE_API_KEY',
  'FRED_API_KEY',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** Connection URLs that may embed a password: printed with the password masked. */
export const CREDENTIAL_URL_KEYS = ['DATABASE_URL', 'REDIS_URL'] as const;

export const REDACTED = '***';

/** True for a variable whose raw value must never appear in a message (secrets and credential URLs). */
export function isSecretEnvKey(name: string): boolean {
  return (
    (SECRET_KEYS as readonly string[]).includes(name) ||
    (CREDENTIAL_URL_KEYS as readonly string[]).includes(name)
  );
}

/** Where each secret lives in an AppConfig. */
function secretValues(config: AppConfig): Record<SecretKey, string | null> {
  return {
    JWT_SECRET_KEY: config.auth.jwtSecretKey,
    AUTH_PASSWORD: config.auth.password,
    ALPACA_API_KEY: config.alpaca.apiKey,
    ALPACA_SECRET_KEY: config.alpaca.secretKey,
    NEWS_API_KEY: config.providers.newsApiKey,
    FINNHUB_API_KEY: config.providers.finnhubApiKey,
    POLYGON_API_KEY: config.providers.polygonApiKey,
    ALPHA_VANTAGE_API_KEY: config.providers.alphaVantageApiKey,
    FRED_API_KEY: config.providers.fredApiKey,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed %-escapes: the raw form is already in the list
  }
}

const mask = (value: string | null): string | null => (value === null ? null : REDACTED);

/**
 * The password of a connection URL replaced by "***" (`postgres://app:***@db:5432/trader`). A URL that does
 * not parse is masked whole: we cannot tell where its password is.
 */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return REDACTED;
  const parsed = new URL(url);
  if (parsed.password === '') return url;
  parsed.password = REDACTED;
  return parsed.toString();
}

/**
 * A printable copy of the config: each present secret becomes "***" (absent ones stay null, so the copy
 * still shows what is configured) and connection URLs lose their password. The input is not modified.
 */
export function redactConfig(config: AppConfig): AppConfig {
  return deepFreeze({
    ...config,
    auth: {
      ...config.auth,
      jwtSecretKey: mask(config.auth.jwtSecretKey),
      password: mask(config.auth.password),
    },
    alpaca: {
      ...config.alpaca,
      apiKey: mask(config.alpaca.apiKey),
      secretKey: mask(config.alpaca.secretKey),
    },
    providers: {
      newsApiKey: mask(config.providers.newsApiKey),
      finnhubApiKey: mask(config.providers.finnhubApiKey),
      polygonApiKey: mask(config.providers.polygonApiKey),
      alphaVantageApiKey: mask(config.providers.alphaVantageApiKey),
      fredApiKey: mask(config.providers.fredApiKey),
    },
    data: {
      ...config.data,
      databaseUrl: config.data.databaseUrl === null ? null : redactUrl(config.data.databaseUrl),
      redisUrl: config.data.redisUrl === null ? null : redactUrl(config.data.redisUrl),
    },
  });
}

export type SecretStatus = Readonly<Record<SecretKey, 'present' | 'absent'>>;

/** Which secrets are set, without their values: what the doctor command shows. */
export function secretStatus(config: AppConfig): SecretStatus {
  const values = secretValues(config);
  const status = {} as Record<SecretKey, 'present' | 'absent'>;
  for (const key of SECRET_KEYS) status[key] = values[key] === null ? 'absent' : 'present';
  return status;
}

/**
 * Replaces every occurrence of a configured secret (and of connection-URL passwords) in free text by
 * "***": for messages that come from elsewhere (a provider's error echoing a request URL with its key).
 */
export function scrubSecrets(text: string, config: AppConfig): string {
  const secrets: string[] = Object.values(secretValues(config)).filter(
    (value): value is string => value !== null,
  );
  for (const url of [config.data.databaseUrl, config.data.redisUrl]) {
    if (url !== null && URL.canParse(url)) {
      const password = new URL(url).password;
      if (password !== '') secrets.push(password, safeDecode(password));
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  secrets.sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.replaceAll(secret, REDACTED);
  return out;
}
