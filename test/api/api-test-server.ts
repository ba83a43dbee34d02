import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../src/api/index.js';
import type { Store } from '../../src/store/repositories.types.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { cli, tempDir } from '../helpers/run-cli-in-process.js';

export const JWT_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const USERNAME = 'alice';
export const PASSWORD = 'correct horse battery staple';

/** The env that turns authentication on with a bootstrap user. */
export const AUTH_ENV = {
  AUTH_ENABLED: 'true',
  JWT_SECRET_KEY: JWT_SECRET,
  AUTH_USERNAME: USERNAME,
  AUTH_PASSWORD: PASSWORD,
} as const;

/** A data directory with the synthetic universe's SPY, KO and PEP (400 daily bars), made by the CLI. */
export async function seededDirectory(symbols = 'SPY,KO,PEP', days = '400'): Promise<string> {
  const cwd = tempDir('nt-api-');
  const generated = await cli(['data', 'generate', '--symbols', symbols, '--days', days], { cwd });
  if (generated.code !== 0) throw new Error(generated.stderr);
  return cwd;
}

export interface TestServer extends ApiServer {
  readonly cwd: string;
  readonly store: Store;
  /** Log lines written so far (JSON). */
  readonly logs: string[];
}

/** A memory log destination, so tests can read what the server logged. */
export function memoryLogger(level: 'info' | 'warn' = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ level, pretty: false, destination }), lines };
}

/**
 * Starts the server on an ephemeral loopback port over the store in `cwd` (default: a freshly seeded one),
 * with the given environment (authentication off unless `env` turns it on).
 */
export async function startTestServer(
  options: { cwd?: string; env?: Record<string, string> } & Partial<
    Omit<ApiServerOptions, 'config' | 'store'>
  > = {},
): Promise<TestServer> {
  const cwd = options.cwd ?? (await seededDirectory());
  const result = loadConfig({
    env: { NT_DATA_DIR: join(cwd, '.neural-trader'), LOG_LEVEL: 'info', ...options.env },
    cpuCount: 2,
    readFile: () => {
      throw new Error('no config file in tests');
    },
  });
  if (!result.ok) throw result.error;
  const path = join(result.value.data.dir, 'neural-trader.db');
  const store = openSqliteStore({ path });
  const { logger, lines } = memoryLogger();
  const server = await startApiServer({
    logger,
    port: 0,
    ...options,
    config: result.value,
    store,
  });
  return { ...server, cwd, store, logs: lines };
}

export interface Json {
  [key: string]: unknown;
}

/** One request with an optional Bearer token, X-API-Key or JSON body; the body parsed when it is JSON. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string; apiKey?: string; body?: unknown } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json') === true;
  return {
    status: response.status,
    body: (json ? JSON.parse(text) : { text }) as Json,
    headers: response.headers,
  };
}

/** Polls a job until it has completed or failed. */
export async function waitForJob(server: TestServer, path: string, token?: string): Promise<Json> {
  for (let i = 0; i < 600; i++) {
    const { body } = await call(server, 'GET', path, token === undefined ? {} : { token });
    if (body['status'] === 'completed' || body['status'] === 'failed') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${path} did not finish in 30 s`);
}
