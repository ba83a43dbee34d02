import { describe, expect, it } from 'vitest';
import type { AppConfig } from './app-config.types.js';
import { ConfigError } from './config-error.js';
import { loadConfig, type LoadConfigOptions } from './load-config.js';
import { memoryFiles, SECRET_ENV, SECRET_MARKER } from './config.fixture.js';

function load(options: Partial<LoadConfigOptions>) {
  return loadConfig({ env: {}, cpuCount: 4, readFile: memoryFiles({}), ...options });
}

function loaded(options: Partial<LoadConfigOptions>): AppConfig {
  const result = load(options);
  if (!result.ok) throw new Error(`expected a config, got:\n${result.error.message}`);
  return result.value;
}

function failure(options: Partial<LoadConfigOptions>): ConfigError {
  const result = load(options);
  if (result.ok) throw new Error('expected a ConfigError');
  return result.error;
}

describe('loadConfig', () => {
  it('builds the default configuration from an empty environment without reading any file', () => {
    const readFile = (path: string): string => {
      throw new Error(`unexpected read of ${path}`);
    };
    expect(loaded({ readFile })).toEqual({
      server: { host: '127.0.0.1', port: 8080, logLevel: 'info', workers: 1 },
      auth: { enabled: false, jwtSecretKey: null, username: null, password: null },
      alpaca: { apiKey: null, secretKey: null, baseUrl: 'https://paper-api.alpaca.markets' },
      providers: { newsApiKey: null, finnhubApiKey: null, polygonApiKey: null, alphaVantageApiKey: null, fredApiKey: null },
      performance: { batchSize: 32, maxWorkers: 4, cacheTtlSeconds: 60 },
      data: { dir: './.neural-trader', databaseUrl: null, redisUrl: null },
      gpu: { cudaVisibleDevices: null },
      trading: {
        strategies: ['momentum'],
        symbols: ['SPY'],
        riskLevel: 'medium',
        maxPositionSize: 10_000,
        stopLossPercentage: 2,
        takeProfitPercentage: 5,
        timeFrame: '1d',
        useGpu: false,
        enableNewsTrading: false,
        enableSentimentAnalysis: false,
        liveTradingEnabled: false,
      },
      configPath: null,
    });
  });

  it('maps every environment variable into the camelCase config', () => {
    const config = loaded({
      env: {
        ...SECRET_ENV,
        HOST: '0.0.0.0',
        PORT: '9000',
        LOG_LEVEL: 'warn',
        WORKERS: '2',
        BATCH_SIZE: '64',
        MAX_WORKERS: '12',
        CACHE_TTL: '0',
        NT_DATA_DIR: '/var/lib/nt',
        LIVE_TRADING_ENABLED: 'true',
        ALPACA_BASE_URL: 'https://api.alpaca.markets',
        CUDA_VISIBLE_DEVICES: '1',
      },
    });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9000, logLevel: 'warn', workers: 2 });
    expect(config.auth).toEqual({
      enabled: true,
      jwtSecretKey: SECRET_ENV.JWT_SECRET_KEY,
      username: 'admin',
      password: SECRET_ENV.AUTH_PASSWORD,
    });
    expect(config.alpaca).toEqual({
      apiKey: SECRET_ENV.ALPACA_API_KEY,
      secretKey: SECRET_ENV.ALPACA_SECRET_KEY,
      baseUrl: 'https://api.alpaca.markets',
    });
    expect(config.providers).toEqual({
      newsApiKey: SECRET_ENV.NEWS_API_KEY,
      finnhubApiKey: SECRET_ENV.FINNHUB_API_KEY,
      polygonApiKey: SECRET_ENV.POLYGON_API_KEY,
      alphaVantageApiKey: SECRET_ENV.ALPHA_VANTAGE_API_KEY,
      fredApiKey: SECRET_ENV.FRED_API_KEY,
    });
    expect(config.performance).toEqual({ batchSize: 64, maxWorkers: 12, cacheTtlSeconds: 0 });
    expect(config.data).toEqual({
      dir: '/var/lib/nt',
      databaseUrl: SECRET_ENV.DATABASE_URL,
      redisUrl: SECRET_ENV.REDIS_URL,
    });
    expect(config.gpu.cudaVisibleDevices).toBe('1');
    expect(config.trading.liveTradingEnabled).toBe(true);
  });

  it('returns a deeply frozen config', () => {
    const config = loaded({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.trading.symbols)).toBe(true);
    expect(() => {
      (config.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads a YAML config file named by NT_CONFIG', () => {
    const yaml = [
      'server:',
      '  host: 0.0.0.0',
      '  port: 9090',
      '  log_level: debug',
      '  workers: 3',
      'data:',
      '  dir: /data/nt',
      'performance: { batch_size: 128, max_workers: 2, cache_ttl: 5 }',
      'trading:',
      '  strategies: [momentum_trader, pairs]',
      '  symbols: [spy, qqq]',
      '  risk_level: low',
      '  time_frame: 15m',
    ].join('\n');
    const config = loaded({ env: { NT_CONFIG: 'nt.yaml' }, readFile: memoryFiles({ 'nt.yaml': yaml }) });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9090, logLevel: 'debug', workers: 3 });
    expect(config.data.dir).toBe('/data/nt');
    expect(config.performance).toEqual({ batchSize: 128, maxWorkers: 2, cacheTtlSeconds: 5 });
    expect(config.trading).toMatchObject({
      strategies: ['momentum', 'pairs'],
      symbols: ['SPY', 'QQQ'],
      riskLevel: 'low',
      timeFrame: '15m',
      stopLossPercentage: 2,
    });
    expect(config.configPath).toBe('nt.yaml');
  });

  it('reads a JSON config file', () => {
    const json = JSON.stringify({ server: { port: 7000 }, trading: { use_gpu: true } });
    const config = loaded({
      env: { NT_CONFIG: 'conf/nt.json' },
      readFile: memoryFiles({ 'conf/nt.json': json }),
    });
    expect(config.server.port).toBe(7000);
    expect(config.trading.useGpu).toBe(true);
  });

  it('lets environment variables override the file for the same setting, and only where set', () => {
    const yaml =
      'server: { host: 10.0.0.1, port: 9090, log_level: debug }\nperformance: { max_workers: 2 }\n';
    const config = loaded({
      env: { NT_CONFIG: 'nt.yaml', PORT: '9100', MAX_WORKERS: '16', LOG_LEVEL: '' },
      readFile: memoryFiles({ 'nt.yaml': yaml }),
    });
    expect(config.server.port).toBe(9100);
    expect(config.performance.maxWorkers).toBe(16);
    expect(config.server.host).toBe('10.0.0.1');
    expect(config.server.logLevel).toBe('debug'); // LOG_LEVEL="" counts as unset
  });

  it('lets explicit overrides win over the environment and the file', () => {
    const files = memoryFiles({
      'a.yaml': 'data: { dir: /from-file-a }',
      'b.yaml': 'data: { dir: /from-file-b }',
    });
    const env = { NT_CONFIG: 'a.yaml', NT_DATA_DIR: '/from-env' };
    expect(loaded({ env, readFile: files }).data.dir).toBe('/from-env');
    expect(loaded({ env: { NT_CONFIG: 'a.yaml' }, readFile: files }).data.dir).toBe('/from-file-a');
    const overridden = loaded({
      env,
      readFile: files,
      overrides: { dataDir: '/from-flag', configPath: 'b.yaml' },
    });
    expect(overridden.data.dir).toBe('/from-flag');
    expect(overridden.configPath).toBe('b.yaml');
  });

  it('reports every problem at once, one line each, with code CONFIG_INVALID', () => {
    const error = failure({
      env: { PORT: '99999', WORKERS: 'many', LOG_LEVEL: 'loud', NT_CONFIG: 'nt.yaml' },
      readFile: memoryFiles({
        'nt.yaml': 'trading:\n  risk_level: extreme\n  stop_loss: 3\nserver:\n  prot: 1\n',
      }),
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toEqual([
      'PORT "99999" must be an integer between 1 and 65535',
      'LOG_LEVEL "loud" must be one of fatal, error, warn, info, debug, trace, silent',
      'WORKERS "many" must be an integer >= 1',
      'server.prot is not a known key (did you mean port?); allowed keys: host, port, log_level, workers',
      'trading.risk_level "extreme" must be one of low, medium, high, aggressive',
      'trading.stop_loss is not a known key (did you mean stop_loss_percentage?); allowed keys: strategies, ' +
        'symbols, risk_level, max_position_size, stop_loss_percentage, take_profit_percentage, time_frame, ' +
        'use_gpu, enable_news_trading, enable_sentiment_analysis',
    ]);
    expect(error.message.split('\n')).toEqual(error.problems);
  });

  it('names a misspelt top-level section', () => {
    const error = failure({
      env: { NT_CONFIG: 'nt.json' },
      readFile: memoryFiles({ 'nt.json': '{"tradng": {}}' }),
    });
    expect(error.problems).toEqual([
      'tradng is not a known key (did you mean trading?); allowed keys: server, data, performance, trading',
    ]);
  });

  it('refuses a file that is not a mapping', () => {
    const error = failure({
      env: { NT_CONFIG: 'nt.yaml' },
      readFile: memoryFiles({ 'nt.yaml': '- a\n- b\n' }),
    });
    expect(error.problems).toEqual([
      '(root) ["a","b"] must be a mapping with the sections server, data, performance, trading',
    ]);
  });

  it('reports a config file that cannot be read, alongside environment problems', () => {
    const error = failure({ env: { NT_CONFIG: 'missing.yaml', CACHE_TTL: '-1' } });
    expect(error.problems).toEqual([
      'CACHE_TTL "-1" must be an integer >= 0',
      `config file "missing.yaml" could not be read: ENOENT: no such file or directory, open 'missing.yaml'`,
    ]);
  });

  it('reports a file with a syntax error or an unknown extension', () => {
    expect(
      failure({ env: { NT_CONFIG: 'nt.yaml' }, readFile: memoryFiles({ 'nt.yaml': 'a: [1, 2' }) })
        .problems[0],
    ).toMatch(/^config file "nt\.yaml" is not valid YAML: /);
    expect(
      failure({ overrides: { configPath: 'nt.ini' }, readFile: memoryFiles({ 'nt.ini': '' }) }).problems,
    ).toEqual(['config file "nt.ini" must end in .json, .yaml, .yml']);
  });

  it('refuses blank overrides', () => {
    expect(failure({ overrides: { dataDir: ' ', configPath: '' } }).problems).toEqual([
      'data directory " " must be a non-empty path',
      'config path "" must be a non-empty path',
    ]);
  });

  it('shows secrets as "***" in problems, never their value', () => {
    const error = failure({
      env: {
        AUTH_ENABLED: 'true',
        JWT_SECRET_KEY: 'short-zq9',
        DATABASE_URL: 'mysql://root:zq9@db/x',
        REDIS_URL: 'zq9',
      },
    });
    expect(error.problems).toEqual([
      'DATABASE_URL "***" must be a URL starting with postgres:// or postgresql://',
      'REDIS_URL "***" must be a URL starting with redis:// or rediss://',
      'JWT_SECRET_KEY "***" must be at least 32 characters when AUTH_ENABLED is true',
    ]);
    expect(error.message).not.toContain(SECRET_MARKER);
    expect(JSON.stringify(error)).not.toContain(SECRET_MARKER);
  });

  it('does not echo a secret misplaced in the config file', () => {
    const error = failure({
      env: { NT_CONFIG: 'nt.yaml' },
      readFile: memoryFiles({ 'nt.yaml': 'alpaca_secret_key: zq9-oops\nserver: { port: "zq9" }\n' }),
    });
    expect(error.problems).toEqual([
      // A non-secret setting shows its value: here the user put a secret where a port belongs.
      'server.port "zq9" must be an integer between 1 and 65535',
      'alpaca_secret_key is not a known key; allowed keys: server, data, performance, trading',
    ]);
    expect(error.problems[1]).not.toContain(SECRET_MARKER);
  });

  it('refuses auth without a strong JWT secret and the live endpoint without the live switch', () => {
    expect(
      failure({ env: { AUTH_ENABLED: 'true', ALPACA_BASE_URL: 'https://api.alpaca.markets' } }).problems,
    ).toEqual([
      'JWT_SECRET_KEY must be set (at least 32 characters) when AUTH_ENABLED is true',
      'ALPACA_BASE_URL "https://api.alpaca.markets" is the live-trading (real money) endpoint: it needs ' +
        'LIVE_TRADING_ENABLED=true, or use https://paper-api.alpaca.markets',
    ]);
  });

  it('ignores unrelated environment variables', () => {
    expect(loaded({ env: { PATH: '/bin', TERM: 'xterm', PORTS: 'x', port: '1' } }).server.port).toBe(8080);
  });
});
