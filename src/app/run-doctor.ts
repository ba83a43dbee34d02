import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrl } from '../config/redact.js';

export const CHECK_STATUSES = ['ok', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface DoctorInput {
  readonly nodeVersion: string;
  readonly dataDir: string;
  /** Opens the store and returns integrity problems (empty = ok) and a one-line description. */
  readonly checkDatabase: () => Promise<{ problems: string[]; description: string }>;
  readonly redisUrl: string | null;
  readonly databaseUrl: string | null;
  /** Provider key name → present/absent. Values are never passed in, so they cannot be printed. */
  readonly providerKeys: Readonly<Record<string, 'present' | 'absent'>>;
  readonly serviceTimeoutMs?: number;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
}

const MIN_NODE = [20, 9] as const;

/**
 * Checks what the platform needs (Node version, a writable data dir, a sound database) and what it can use
 * (Redis, PostgreSQL, provider keys). Only the first group can fail the report; missing optional services and
 * keys are warnings, because the product runs fully on embedded defaults.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [checkNode(input.nodeVersion), checkDataDir(input.dataDir)];
  checks.push(await checkDatabase(input));
  const timeout = input.serviceTimeoutMs ?? 1500;
  checks.push(await checkRedis(input.redisUrl, timeout));
  checks.push(await checkPostgres(input.databaseUrl, timeout));
  for (const [name, state] of Object.entries(input.providerKeys)) {
    checks.push({
      name: `key ${name}`,
      status: state === 'present' ? 'ok' : 'warn',
      detail: state === 'present' ? 'present' : 'absent (features that need it will say so)',
    });
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

export function checkNode(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const good = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return {
    name: 'node',
    status: good ? 'ok' : 'fail',
    detail: good ? version : `${version} is too old: Node >= ${MIN_NODE.join('.')} is required`,
  };
}

function checkDataDir(dir: string): DoctorCheck {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { name: 'data dir', status: 'ok', detail: `${dir} is writable` };
  } catch (error) {
    return { name: 'data dir', status: 'fail', detail: `${dir} is not writable: ${messageOf(error)}` };
  }
}

async function checkDatabase(input: DoctorInput): Promise<DoctorCheck> {
  try {
    const { problems, description } = await input.checkDatabase();
    if (problems.length === 0) return { name: 'database', status: 'ok', detail: description };
    return {
      name: 'database',
      status: 'fail',
      detail: `integrity check failed: ${problems.slice(0, 3).join('; ')}`,
    };
  } catch (error) {
    return { name: 'database', status: 'fail', detail: messageOf(error) };
  }
}

async function checkRedis(url: string | null, timeoutMs: number): Promise<DoctorCheck> {
  const target = url ?? 'redis://127.0.0.1:6379';
  const { Redis } = await import('ioredis');
  const client = new Redis(target, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    const info = await client.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    return {
      name: 'redis',
      status: pong === 'PONG' ? 'ok' : 'warn',
      detail: `${redactUrl(target)} (Redis ${version})`,
    };
  } catch (error) {
    return {
      name: 'redis',
      status: 'warn',
      detail: `${redactUrl(target)} unreachable (${messageOf(error)}); optional: used for distributed jobs`,
    };
  } finally {
    client.disconnect();
  }
}

async function checkPostgres(url: string | null, timeoutMs: number): Promise<DoctorCheck> {
  if (url === null) {
    return {
      name: 'postgres',
      status: 'warn',
      detail: 'DATABASE_URL not set; optional: SQLite is the default store',
    };
  }
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      name: 'postgres',
      status: 'ok',
      detail: `${redactUrl(url)} (PostgreSQL ${result.rows[0]?.server_version ?? 'unknown'})`,
    };
  } catch (error) {
    return {
      name: 'postgres',
      status: 'warn',
      detail: `${redactUrl(url)} unreachable (${messageOf(error)})`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
