import { describe, expect, it } from 'vitest';
import type { AppConfig } from './app-config.types.js';
import { loadConfig } from './load-config.js';
import {
  isSecretEnvKey,
  redactConfig,
  redactUrl,
  scrubSecrets,
  SECRET_KEYS,
  secretStatus,
} from './redact.js';
import { memoryFiles, SECRET_ENV, SECRET_MARKER } from './config.fixture.js';

function configWith(env: Record<string, string>): AppConfig {
  const result = loadConfig({ env, cpuCount: 2, readFile: memoryFiles({}) });
  if (!result.ok) throw result.error;
  return result.value;
}

const secretConfig = configWith(SECRET_ENV);
const emptyConfig = configWith({});

describe('redactConfig', () => {
  it('leaves no secret value anywhere in the printed config', () => {
    const printed = JSON.stringify(redactConfig(secretConfig));
    expect(printed).not.toContain(SECRET_MARKER);
    for (const value of Object.values(SECRET_ENV)) {
      if (value.includes(SECRET_MARKER)) expect(printed).not.toContain(value);
    }
  });

  it('shows each present secret as "***" and keeps absent ones null', () => {
    const redacted = redactConfig(secretConfig);
    expect(redacted.auth).toEqual({ enabled: true, jwtSecretKey: '***', username: 'admin', password: '***' });
    expect(redacted.alpaca).toEqual({
      apiKey: '***',
      secretKey: '***',
      baseUrl: 'https://paper-api.alpaca.markets',
    });
    expect(redacted.providers).toEqual({
      newsApiKey: '***',
      finnhubApiKey: '***',
      polygonApiKey: '***',
      alphaVantageApiKey: '***',
      fredApiKey: '***',
    });
    expect(redactConfig(emptyConfig).providers.newsApiKey).toBeNull();
    expect(redactConfig(emptyConfig).auth.password).toBeNull();
  });

  it('masks only the password of connection URLs', () => {
    const { data } = redactConfig(secretConfig);
    expect(data.databaseUrl).toBe('postgres://app:***@db.internal:5432/trader');
    expect(data.redisUrl).toBe('redis://:***@cache.internal:6379/0');
  });

  it('keeps every non-secret setting and leaves the original untouched', () => {
    const redacted = redactConfig(secretConfig);
    expect(redacted.server).toEqual(secretConfig.server);
    expect(redacted.trading).toEqual(secretConfig.trading);
    expect(redacted.performance).toEqual(secretConfig.performance);
    expect(secretConfig.auth.password).toBe(SECRET_ENV.AUTH_PASSWORD);
    expect(Object.isFrozen(redacted)).toBe(true);
  });
});

describe('redactUrl', () => {
  it('returns a URL without a password unchanged', () => {
    expect(redactUrl('postgres://db:5432/trader')).toBe('postgres://db:5432/trader');
  });

  it('masks a URL it cannot parse as a whole', () => {
    expect(redactUrl('postgres://user:pa ss@')).toBe('***');
  });
});

describe('secretStatus', () => {
  it('says which secrets are present without their values', () => {
    const status = secretStatus(secretConfig);
    expect(Object.keys(status)).toEqual([...SECRET_KEYS]);
    expect(Object.values(status).every((value) => value === 'present')).toBe(true);
    expect(JSON.stringify(status)).not.toContain(SECRET_MARKER);
  });

  it('reports absent secrets', () => {
    const status = secretStatus(configWith({ ALPACA_API_KEY: 'k' }));
    expect(status.ALPACA_API_KEY).toBe('present');
    expect(status.ALPACA_SECRET_KEY).toBe('absent');
    expect(status.JWT_SECRET_KEY).toBe('absent');
  });
});

describe('scrubSecrets', () => {
  it('removes configured secrets and URL passwords from free text', () => {
    const text =
      `GET https://api.polygon.io/v2?apiKey=${SECRET_ENV.POLYGON_API_KEY} failed; ` +
      `auth ${SECRET_ENV.ALPACA_API_KEY}:${SECRET_ENV.ALPACA_SECRET_KEY}; db pw db-zq9-pw; redis redis-zq9-pw`;
    const scrubbed = scrubSecrets(text, secretConfig);
    expect(scrubbed).not.toContain(SECRET_MARKER);
    expect(scrubbed).toBe(
      'GET https://api.polygon.io/v2?apiKey=*** failed; auth ***:***; db pw ***; redis ***',
    );
  });

  it('replaces a secret that contains another one whole', () => {
    const config = configWith({ NEWS_API_KEY: 'abc', FINNHUB_API_KEY: 'abcdef' });
    expect(scrubSecrets('key abcdef', config)).toBe('key ***');
  });

  it('leaves text alone when no secret is configured', () => {
    expect(scrubSecrets('nothing to hide', emptyConfig)).toBe('nothing to hide');
  });

  it('scrubs a percent-encoded URL password in both forms', () => {
    const config = configWith({ DATABASE_URL: 'postgres://u:p%40zq9@db/x' });
    expect(scrubSecrets('pw p%40zq9 or p@zq9', config)).toBe('pw *** or ***');
  });

  it('scrubs a URL password with a malformed escape as written', () => {
    const config = configWith({ DATABASE_URL: 'postgres://u:zq9%zz@db/x' });
    expect(scrubSecrets('pw zq9%zz', config)).toBe('pw ***');
  });
});

describe('isSecretEnvKey', () => {
  it('covers the secrets and the credential URLs, nothing else', () => {
    for (const key of SECRET_KEYS) expect(isSecretEnvKey(key)).toBe(true);
    expect(isSecretEnvKey('DATABASE_URL')).toBe(true);
    expect(isSecretEnvKey('REDIS_URL')).toBe(true);
    expect(isSecretEnvKey('PORT')).toBe(false);
    expect(isSecretEnvKey('AUTH_USERNAME')).toBe(false);
  });
});
