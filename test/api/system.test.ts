import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_MODULES, type RouteModule } from '../../src/api/index.js';
import { seededDirectory, startTestServer, type TestServer } from './api-test-server.js';

describe('API server: public endpoints, request ids, metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('GET /health reports the store up and Redis not configured', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & {
      checks: Record<string, { status: string }>;
    };
    expect(body).toMatchObject({ status: 'ok', version: '0.1.0', authEnabled: false });
    expect(body.checks['store']?.status).toBe('up');
    expect(body.checks['redis']?.status).toBe('not-configured');
  });

  it('GET /gpu-status tells the truth: the wasm backend on the CPU, no GPU in use', async () => {
    const body = (await (await fetch(`${server.url}/gpu-status`)).json()) as {
      accelerator: string;
      gpu: { inUse: boolean };
      runtime: { status: string; backend: string; threads: number; simd: boolean };
    };
    expect(body.accelerator).toBe('cpu');
    expect(body.gpu.inUse).toBe(false);
    expect(body.runtime).toMatchObject({ status: 'ready', backend: 'wasm', threads: 1 });
    const tf = await import('@tensorflow/tfjs-core');
    expect(body.runtime.simd).toBe((await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true);
  });

  it('echoes a plain X-Request-Id, makes one otherwise, and logs every request with it', async () => {
    const given = await fetch(`${server.url}/strategies`, { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const odd = await fetch(`${server.url}/strategies`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = server.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['reqId'] === 'trace-42');
    expect(line).toMatchObject({ msg: 'request completed', method: 'GET', url: '/strategies', status: 200 });
  });

  it('answers unknown routes with a 404 error body carrying the request id', async () => {
    const response = await fetch(`${server.url}/orders`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'no route GET /orders',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('GET /metrics exposes request latency by route template, app counters and process metrics', async () => {
    await fetch(`${server.url}/market/bars/SPY?limit=1`);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /neural_trader_http_request_duration_seconds_count\{method="GET",route="\/market\/bars\/:symbol",status="200"\} [1-9]/,
    );
    expect(text).not.toContain('route="/market/bars/SPY"');
    for (const name of [
      'neural_trader_process_resident_memory_bytes',
      'neural_trader_nodejs_eventloop_lag_seconds',
      'neural_trader_risk_trading_state 0',
      '# TYPE neural_trader_orders_total counter',
      '# TYPE neural_trader_fills_total counter',
      '# TYPE neural_trader_pnl gauge',
      '# TYPE neural_trader_model_inference_duration_seconds histogram',
      '# TYPE neural_trader_backtests_total counter',
    ]) {
      expect(text).toContain(name);
    }
  });
});

describe('API server: graceful shutdown', () => {
  it('finishes a request in flight, then refuses new connections and closes the store', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow: RouteModule = {
      name: 'slow',
      register(app) {
        app.get('/slow', { config: { access: 'public' } }, async () => {
          entered();
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { finished: true };
        });
      },
    };
    const server = await startTestServer({
      cwd: await seededDirectory('SPY', '30'),
      routeModules: [...ROUTE_MODULES, slow],
    });
    const inFlight = fetch(`${server.url}/slow`);
    await inside;
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await expect(server.store.instruments.get('SPY')).rejects.toThrow();
    await server.close(); // idempotent
    expect(server.logs.join('')).toContain('API server stopped');
  });

  it('cuts connections still open at the shutdown timeout (a client that never finishes its request)', async () => {
    const server = await startTestServer({ cwd: await seededDirectory('SPY', '30'), shutdownTimeoutMs: 300 });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n'); // headers never completed
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.logs.join('')).toContain('connections still open at the shutdown timeout');
    socket.destroy();
  });
});

describe('API server: start-up failures', () => {
  it('reports a port in use and releases what it opened', async () => {
    const first = await startTestServer({ cwd: await seededDirectory('SPY', '30') });
    try {
      await expect(startTestServer({ cwd: first.cwd, port: first.port })).rejects.toThrow(/EADDRINUSE/);
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      await first.close();
    }
  });
});
