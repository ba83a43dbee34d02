import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { HealthMonitor, redisCheck, storeCheck } from './health-monitor.js';

/** A minimal Redis: answers every RESP command with +PONG (enough for PING), and counts commands. */
async function fakeRedis(): Promise<{ server: Server; url: string; commands: () => number }> {
  let commands = 0;
  const server = createServer((socket) => {
    socket.on('data', (data) => {
      const count = data
        .toString()
        .split('\r\n')
        .filter((line) => line.startsWith('*')).length;
      commands += count;
      socket.write('+PONG\r\n'.repeat(count));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `redis://:pw-zq9@127.0.0.1:${port}/0`, commands: () => commands };
}

/** A loopback port with nothing listening (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('HealthMonitor', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is ok when the store answers and Redis is not configured', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    cleanups.push(() => store.close());
    const monitor = new HealthMonitor();
    monitor.register('store', storeCheck(store), true);
    monitor.register('redis', redisCheck(null).check);
    const report = await monitor.report();
    expect(report.status).toBe('ok');
    expect(report.checks['store']).toMatchObject({ status: 'up', detail: 'store in memory' });
    expect(report.checks['redis']).toMatchObject({ status: 'not-configured', latencyMs: null });
  });

  it('is down when a required check fails, degraded when an optional one does', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await store.close();
    const monitor = new HealthMonitor();
    monitor.register('optional', () => Promise.reject(new Error('no route to host')));
    expect((await monitor.report()).status).toBe('degraded');
    monitor.register('store', storeCheck(store), true);
    const report = await monitor.report();
    expect(report.status).toBe('down');
    expect(report.checks['store']?.status).toBe('down');
    expect(report.checks['optional']?.detail).toBe('no route to host');
  });

  it('reuses results for ttlMs, shares one run between concurrent probes, and times out slow checks', async () => {
    let now = 0;
    let runs = 0;
    const monitor = new HealthMonitor({ now: () => now, ttlMs: 1_000, timeoutMs: 30 });
    monitor.register('counted', () => {
      runs++;
      return Promise.resolve({ status: 'up', detail: 'ok' });
    });
    await Promise.all([monitor.report(), monitor.report()]);
    expect(runs).toBe(1);
    expect(await monitor.report()).toBe(await monitor.report()); // the same report while fresh
    now = 999;
    await monitor.report();
    expect(runs).toBe(1);
    now = 1_000;
    await monitor.report();
    expect(runs).toBe(2);
    monitor.register('slow', () => new Promise(() => undefined));
    expect((await monitor.report()).checks['slow']).toMatchObject({
      status: 'down',
      detail: 'no answer within 30 ms',
    });
  });

  it('pings Redis when configured: up against a server that answers PONG, down (credentials hidden) when unreachable', async () => {
    const redis = await fakeRedis();
    cleanups.push(() => new Promise((resolve) => redis.server.close(resolve)));
    const up = redisCheck(redis.url);
    cleanups.push(up.close);
    const result = await up.check();
    expect(result.status).toBe('up');
    expect(result.detail).toContain('127.0.0.1');
    expect(result.detail).not.toContain('pw-zq9');
    await up.check(); // the same client again
    expect(redis.commands()).toBeGreaterThanOrEqual(2);
    const url = `redis://:pw-zq9@127.0.0.1:${await closedPort()}`;
    const down = redisCheck(url);
    cleanups.push(down.close);
    const failure = await down.check().catch((error: Error) => error.message);
    expect(failure).toMatch(/unreachable/);
    expect(failure).not.toContain('pw-zq9');
  });
});
