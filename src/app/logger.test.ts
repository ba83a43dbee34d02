import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { memoryFiles, SECRET_ENV, SECRET_MARKER } from '../config/config.fixture.js';
import { createLogger, redactLine, redactSecrets, SECRET_KEY_PATTERN } from './logger.js';

function memoryLogger(options: { pretty?: boolean; level?: 'info' | 'debug' | 'warn' } = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    level: options.level ?? 'info',
    pretty: options.pretty ?? false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines, text: () => lines.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line, synchronously', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ symbol: 'AAPL', quantity: 10 }, 'order submitted');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, symbol: 'AAPL', quantity: 10, msg: 'order submitted' });
    expect(lines[0]?.endsWith('\n')).toBe(true);
  });

  it('drops lines below the level', () => {
    const { logger, lines } = memoryLogger({ level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('shown');
  });

  it('censors secret fields at the top level and nested, keeping everything else', () => {
    const { logger, text } = memoryLogger();
    logger.info(
      {
        password: 'zq9-top',
        ALPACA_SECRET_KEY: 'zq9-env-name',
        'x-api-key': 'zq9-header',
        user: { name: 'alice', apiKey: 'zq9-one-level' },
        config: { auth: { password: 'zq9-two-levels', username: 'admin' } },
        req: { method: 'GET', headers: { authorization: 'Bearer zq9-token', host: 'localhost' } },
        deep: { a: { b: { c: { refresh_token: 'zq9-deep' } } } },
        list: [{ client_secret: 'zq9-in-array', id: 7 }],
      },
      'request handled',
    );
    const entry = JSON.parse(text()) as Record<string, unknown>;
    expect(text()).not.toContain(SECRET_MARKER);
    expect(entry).toMatchObject({
      password: '***',
      ALPACA_SECRET_KEY: '***',
      'x-api-key': '***',
      user: { name: 'alice', apiKey: '***' },
      config: { auth: { password: '***', username: 'admin' } },
      req: { method: 'GET', headers: { authorization: '***', host: 'localhost' } },
      deep: { a: { b: { c: { refresh_token: '***' } } } },
      list: [{ client_secret: '***', id: 7 }],
      msg: 'request handled',
    });
  });

  it('censors secrets in child-logger bindings and in logged errors', () => {
    const { logger, text } = memoryLogger();
    logger.child({ component: 'alpaca', apiKey: 'zq9-binding' }).info('connected');
    const error = Object.assign(new Error('request failed'), {
      request: { headers: { 'APCA-API-SECRET-KEY': 'zq9-error-header' } },
    });
    logger.error(error);
    logger.error({ err: error, symbol: 'SPY' }, 'order rejected');
    expect(text()).not.toContain(SECRET_MARKER);
    expect(text()).toContain('"component":"alpaca"');
    expect(text()).toContain('request failed');
    expect(text()).toContain('"APCA-API-SECRET-KEY":"***"');
  });

  it('leaks no secret when a whole loaded AppConfig is logged', () => {
    const result = loadConfig({ env: SECRET_ENV, cpuCount: 2, readFile: memoryFiles({}) });
    if (!result.ok) throw result.error;
    const { logger, text } = memoryLogger();
    logger.info({ config: result.value }, 'configuration loaded');
    logger.info(result.value, 'configuration loaded flat');
    expect(text()).not.toContain(SECRET_MARKER);
    expect(text()).toContain('"port":8080');
    expect(text()).toContain('"username":"admin"');
  });

  it('prints readable lines when pretty, censored the same way', () => {
    const { logger, lines, text } = memoryLogger({ pretty: true });
    logger.info({ symbol: 'QQQ', password: 'zq9-pretty' }, 'fill received');
    expect(lines).toHaveLength(1);
    expect(text()).toContain('INFO');
    expect(text()).toContain('fill received');
    expect(text()).toContain('QQQ');
    expect(text()).toContain('***');
    expect(text()).not.toContain(SECRET_MARKER);
    expect(() => JSON.parse(text()) as unknown).toThrow();
  });

  it('adds the logger name when given', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      pretty: false,
      name: 'api',
      destination: { write: (l) => void lines.push(l) },
    });
    logger.info('up');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ name: 'api', msg: 'up' });
  });
});

describe('redactSecrets', () => {
  it('returns the same object when nothing is secret (no copy)', () => {
    const value = { a: 1, b: { c: [1, 2, { d: 'x' }] } };
    expect(redactSecrets(value)).toBe(value);
  });

  it('never modifies the caller object', () => {
    const value = { user: { password: 'zq9' }, list: [{ token: 'zq9' }] };
    const redacted = redactSecrets(value);
    expect(redacted).toEqual({ user: { password: '***' }, list: [{ token: '***' }] });
    expect(value.user.password).toBe('zq9');
    expect(value.list[0]?.token).toBe('zq9');
  });

  it('keeps null and undefined secrets as they are (absence is not a secret)', () => {
    expect(redactSecrets({ password: null })).toEqual({ password: null });
  });

  it('leaves class instances alone and stops at the depth limit', () => {
    const date = new Date(0);
    expect(redactSecrets({ when: date }).when).toBe(date);
    type Nested = { next?: Nested; password?: string };
    const root: Nested = {};
    let node = root;
    for (let depth = 0; depth < 20; depth++) node = node.next = {};
    node.password = 'beyond-limit';
    expect(JSON.stringify(redactSecrets(root))).toContain('beyond-limit');
  });
});

describe('SECRET_KEY_PATTERN', () => {
  it('matches the secret spellings in use and not ordinary fields', () => {
    for (const key of [
      'password',
      'AUTH_PASSWORD',
      'passwd',
      'jwtSecretKey',
      'ALPACA_SECRET_KEY',
      'apiKey',
      'api_key',
      'x-api-key',
      'POLYGON_API_KEY',
      'authorization',
      'Authorization',
      'set-cookie',
      'access_token',
      'APCA-API-KEY-ID',
      'privateKey',
      'databaseUrl',
      'REDIS_URL',
    ]) {
      expect(SECRET_KEY_PATTERN.test(key), key).toBe(true);
    }
    for (const key of ['symbol', 'price', 'username', 'host', 'port', 'strategy', 'author', 'baseUrl']) {
      expect(SECRET_KEY_PATTERN.test(key), key).toBe(false);
    }
  });
});

describe('redactLine', () => {
  it('passes lines without secret words through untouched', () => {
    const line = '{"level":30,"msg":"hello"}\n';
    expect(redactLine(line)).toBe(line);
  });

  it('passes a line whose secret word is only in a value through untouched', () => {
    const line = '{"level":30,"msg":"token refreshed"}\n';
    expect(redactLine(line)).toBe(line);
  });

  it('leaves text that is not JSON alone', () => {
    expect(redactLine('password: zq9\n')).toBe('password: zq9\n');
  });
});
