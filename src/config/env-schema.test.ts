import { describe, expect, it } from 'vitest';
import { createEnvSchema, ENV_DEFAULTS, ENV_KEYS, pickEnv, type RawEnv } from './env-schema.js';

const schema = createEnvSchema({ cpuCount: 6 });

function parse(env: RawEnv) {
  return schema.safeParse(env);
}

/** The single issue message for one variable, or undefined when the variable is valid. */
function problemFor(env: RawEnv, key: string): string | undefined {
  const result = parse(env);
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path[0] === key)?.message;
}

const LONG_SECRET = 'k'.repeat(32);

describe('createEnvSchema', () => {
  it('applies every default to an empty environment', () => {
    const result = parse({});
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      AUTH_ENABLED: false,
      ALPACA_BASE_URL: 'https://paper-api.alpaca.markets',
      PORT: 8080,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WORKERS: 1,
      BATCH_SIZE: 32,
      MAX_WORKERS: 6,
      CACHE_TTL: 60,
      NT_DATA_DIR: './.neural-trader',
      LIVE_TRADING_ENABLED: false,
    });
  });

  it('defaults MAX_WORKERS to the cpu count the caller passes', () => {
    expect(createEnvSchema({ cpuCount: 3 }).parse({}).MAX_WORKERS).toBe(3);
  });

  it('throws on a cpu count that is not a positive integer (a caller bug)', () => {
    expect(() => createEnvSchema({ cpuCount: 0 })).toThrow(/cpuCount "0" must be an integer >= 1/);
    expect(() => createEnvSchema({ cpuCount: 1.5 })).toThrow(/cpuCount/);
  });

  it('reads booleans from true/false/1/0 in any case', () => {
    for (const [text, value] of [
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['false', false],
      ['False', false],
      ['0', false],
    ] as const) {
      expect(parse({ LIVE_TRADING_ENABLED: text }).data?.LIVE_TRADING_ENABLED).toBe(value);
    }
  });

  it('refuses boolean words other than true/false/1/0', () => {
    for (const text of ['yes', 'on', '2', ' true']) {
      expect(problemFor({ AUTH_ENABLED: text }, 'AUTH_ENABLED')).toBe('must be one of true, false, 1, 0');
    }
  });

  it('reads integers within their range', () => {
    const env = parse({
      PORT: '65535',
      WORKERS: '4',
      BATCH_SIZE: '1',
      MAX_WORKERS: '64',
      CACHE_TTL: '0',
    }).data;
    expect(env).toMatchObject({ PORT: 65535, WORKERS: 4, BATCH_SIZE: 1, MAX_WORKERS: 64, CACHE_TTL: 0 });
  });

  it('refuses a port outside 1-65535 or not written as plain digits', () => {
    for (const text of ['0', '65536', '99999', '-1', '80.5', '8e3', '0x50', 'http', '']) {
      expect(problemFor({ PORT: text }, 'PORT')).toBe('must be an integer between 1 and 65535');
    }
  });

  it('refuses counts below their minimum', () => {
    expect(problemFor({ WORKERS: '0' }, 'WORKERS')).toBe('must be an integer >= 1');
    expect(problemFor({ BATCH_SIZE: '0' }, 'BATCH_SIZE')).toBe('must be an integer >= 1');
    expect(problemFor({ MAX_WORKERS: '0' }, 'MAX_WORKERS')).toBe('must be an integer >= 1');
    expect(problemFor({ CACHE_TTL: '-5' }, 'CACHE_TTL')).toBe('must be an integer >= 0');
  });

  it('reads the log level case-insensitively and refuses unknown levels', () => {
    expect(parse({ LOG_LEVEL: 'DEBUG' }).data?.LOG_LEVEL).toBe('debug');
    expect(parse({ LOG_LEVEL: 'silent' }).data?.LOG_LEVEL).toBe('silent');
    expect(problemFor({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL')).toBe(
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('accepts host names and addresses, including 0.0.0.0, and refuses text with spaces or a scheme', () => {
    for (const host of ['0.0.0.0', 'localhost', '::1', 'api.example.org', '[::]']) {
      expect(parse({ HOST: host }).data?.HOST).toBe(host);
    }
    for (const host of ['my host', 'http://x', 'a/b']) {
      expect(problemFor({ HOST: host }, 'HOST')).toBe('must be a host name or an IP address');
    }
  });

  it('requires https for ALPACA_BASE_URL except on loopback', () => {
    expect(parse({ ALPACA_BASE_URL: 'http://127.0.0.1:4010' }).data?.ALPACA_BASE_URL).toBe(
      'http://127.0.0.1:4010',
    );
    expect(parse({ ALPACA_BASE_URL: 'http://localhost:4010' }).success).toBe(true);
    for (const url of ['http://broker.example.com', 'not a url', 'ftp://paper-api.alpaca.markets']) {
      expect(problemFor({ ALPACA_BASE_URL: url }, 'ALPACA_BASE_URL')).toBe(
        'must be an https URL (http is allowed only for localhost)',
      );
    }
  });

  it('refuses the live Alpaca endpoint unless LIVE_TRADING_ENABLED is true', () => {
    const live = 'https://api.alpaca.markets';
    expect(problemFor({ ALPACA_BASE_URL: live }, 'ALPACA_BASE_URL')).toMatch(
      /^is the live-trading \(real money\) endpoint: it needs LIVE_TRADING_ENABLED=true/,
    );
    expect(
      problemFor({ ALPACA_BASE_URL: live, LIVE_TRADING_ENABLED: 'false' }, 'ALPACA_BASE_URL'),
    ).toBeDefined();
    expect(parse({ ALPACA_BASE_URL: live, LIVE_TRADING_ENABLED: 'true' }).success).toBe(true);
  });

  it('keeps live trading off by default', () => {
    expect(parse({}).data?.LIVE_TRADING_ENABLED).toBe(false);
  });

  it('requires a JWT secret of at least 32 characters when auth is enabled', () => {
    expect(problemFor({ AUTH_ENABLED: 'true' }, 'JWT_SECRET_KEY')).toBe(
      'must be set (at least 32 characters) when AUTH_ENABLED is true',
    );
    expect(problemFor({ AUTH_ENABLED: '1', JWT_SECRET_KEY: 'k'.repeat(31) }, 'JWT_SECRET_KEY')).toBe(
      'must be at least 32 characters when AUTH_ENABLED is true',
    );
    expect(parse({ AUTH_ENABLED: 'true', JWT_SECRET_KEY: LONG_SECRET }).data?.JWT_SECRET_KEY).toBe(
      LONG_SECRET,
    );
  });

  it('does not constrain the JWT secret while auth is disabled', () => {
    expect(parse({ JWT_SECRET_KEY: 'short' }).success).toBe(true);
  });

  it('passes secrets and optional strings through unchanged', () => {
    const env = parse({
      ALPACA_API_KEY: 'PK123',
      ALPACA_SECRET_KEY: 's3',
      NEWS_API_KEY: 'n',
      FINNHUB_API_KEY: 'f',
      POLYGON_API_KEY: 'p',
      ALPHA_VANTAGE_API_KEY: 'a',
      AUTH_USERNAME: 'admin',
      AUTH_PASSWORD: 'pw',
      CUDA_VISIBLE_DEVICES: '0,1',
      NT_CONFIG: 'nt.yaml',
    }).data;
    expect(env).toMatchObject({
      ALPACA_API_KEY: 'PK123',
      ALPACA_SECRET_KEY: 's3',
      NEWS_API_KEY: 'n',
      FINNHUB_API_KEY: 'f',
      POLYGON_API_KEY: 'p',
      ALPHA_VANTAGE_API_KEY: 'a',
      AUTH_USERNAME: 'admin',
      AUTH_PASSWORD: 'pw',
      CUDA_VISIBLE_DEVICES: '0,1',
      NT_CONFIG: 'nt.yaml',
    });
  });

  it('checks the scheme of connection URLs', () => {
    expect(
      parse({ DATABASE_URL: 'postgres://u:p@db:5432/x', REDIS_URL: 'rediss://cache:6380' }).success,
    ).toBe(true);
    expect(parse({ DATABASE_URL: 'postgresql://db/x' }).success).toBe(true);
    expect(problemFor({ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL')).toBe(
      'must be a URL starting with postgres:// or postgresql://',
    );
    expect(problemFor({ REDIS_URL: 'cache:6379' }, 'REDIS_URL')).toBe(
      'must be a URL starting with redis:// or rediss://',
    );
  });

  it('refuses a blank data directory', () => {
    expect(problemFor({ NT_DATA_DIR: '   ' }, 'NT_DATA_DIR')).toBe('must be a non-empty path');
  });

  it('reports every bad variable, not just the first', () => {
    const result = parse({ PORT: 'x', WORKERS: '0', LOG_LEVEL: 'loud', AUTH_ENABLED: 'true' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      'JWT_SECRET_KEY',
      'LOG_LEVEL',
      'PORT',
      'WORKERS',
    ]);
  });

  it('has a default for every non-optional variable it declares', () => {
    const data = parse({}).data ?? {};
    for (const key of Object.keys(ENV_DEFAULTS)) expect(data).toHaveProperty(key);
  });
});

describe('pickEnv', () => {
  it('keeps only the known variables and ignores the rest of the environment', () => {
    const picked = pickEnv({ PORT: '9000', PATH: '/usr/bin', HOME: '/root', npm_config_x: 'y' });
    expect(picked).toEqual({ PORT: '9000' });
  });

  it('treats empty values as unset, except CUDA_VISIBLE_DEVICES where "" hides every GPU', () => {
    expect(pickEnv({ PORT: '', LOG_LEVEL: '', CUDA_VISIBLE_DEVICES: '' })).toEqual({
      CUDA_VISIBLE_DEVICES: '',
    });
  });

  it('knows each variable of the original system', () => {
    for (const key of ['AUTH_ENABLED', 'JWT_SECRET_KEY', 'ALPACA_BASE_URL', 'PORT', 'HOST', 'CACHE_TTL']) {
      expect(ENV_KEYS).toContain(key);
    }
  });
});
