import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli-in-process.js';
import { call, startTestServer, waitForJob, type Json, type TestServer } from './api-test-server.js';

describe('backtest and optimization jobs (results equal the CLI)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('POST /trading/backtest returns 202 with a job whose result equals `backtest --json`', async () => {
    const submitted = await call(server, 'POST', '/trading/backtest', {
      body: {
        strategy: 'sma-cross',
        params: { fast: 8, slow: 21 },
        symbols: ['SPY'],
        commissionBps: 1,
        slippageBps: 2,
        risk: 'medium',
        benchmark: 'KO',
        from: '2020-02-01',
      },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ kind: 'backtest', status: 'queued', result: null });
    const job = await waitForJob(server, (submitted.body['links'] as Json)['self'] as string);
    expect(job).toMatchObject({ status: 'completed', progress: { done: 1, total: 1 }, error: null });
    const run = await cli(
      [
        'backtest',
        '--strategy',
        'sma-cross',
        '--params',
        'fast=8,slow=21',
        '--symbols',
        'SPY',
        '--commission-bps',
        '1',
        '--slippage-bps',
        '2',
        '--risk-preset',
        'medium',
        '--benchmark',
        'KO',
        '--from',
        '2020-02-01',
        '--json',
      ],
      { cwd: server.cwd },
    );
    expect(run.code).toBe(0);
    const { runId: cliRunId, ...expected } = JSON.parse(run.stdout) as Json;
    const { runId, ...actual } = job['result'] as Json;
    expect(actual).toEqual(expected);
    expect(runId).not.toBe(cliRunId); // two runs, both stored
    expect(typeof actual['tradesHash']).toBe('string');
  });

  it('refuses bad backtest requests before queueing, naming the field; a job that fails says why', async () => {
    const missing = await call(server, 'POST', '/trading/backtest', { body: { symbols: ['SPY'] } });
    expect(missing).toMatchObject({ status: 400, body: { field: 'body.strategy' } });
    const unknown = await call(server, 'POST', '/trading/backtest', {
      body: { strategy: 'nope', symbols: ['SPY'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body['message']).toContain('unknown strategy "nope"');
    const negative = await call(server, 'POST', '/trading/backtest', {
      body: { strategy: 'sma-cross', symbols: ['SPY'], cash: -5 },
    });
    expect(negative.body['field']).toBe('body.cash');
    const date = await call(server, 'POST', '/trading/backtest', {
      body: { strategy: 'sma-cross', symbols: ['SPY'], from: '2020-13-45' },
    });
    expect(date.body).toMatchObject({
      field: 'body.from',
      message: expect.stringContaining('"2020-13-45" must be a date') as unknown,
    });
    const noBars = await call(server, 'POST', '/trading/backtest', {
      body: { strategy: 'sma-cross', symbols: ['ZZZZ'] },
    });
    const failed = await waitForJob(server, `/trading/backtest/${noBars.body['id'] as string}`);
    expect(failed).toMatchObject({ status: 'failed', result: null, error: { code: 'INVALID_INPUT' } });
    expect((failed['error'] as Json)['message']).toMatch(/no 1d bars are stored for "ZZZZ"/);
    expect((await call(server, 'GET', '/trading/backtest/job-unknown')).status).toBe(404);
  });

  it('POST /trading/optimize runs a job with progress; its report equals `optimize --json`, and progress streams on /ws', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
    const events: Json[] = [];
    await new Promise((resolve) => socket.once('open', resolve));
    socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString()) as Json));
    socket.send(JSON.stringify({ type: 'subscribe', topics: ['jobs'] }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const submitted = await call(server, 'POST', '/trading/optimize', {
      body: {
        strategy: 'sma-cross',
        params: 'fast=5:15:5,slow=30:50:10',
        symbols: ['SPY'],
        objective: 'sharpeRatio',
      },
    });
    expect(submitted.status).toBe(202);
    const job = await waitForJob(server, `/trading/optimize/${submitted.body['id'] as string}`);
    expect(job['status']).toBe('completed');
    expect(job['progress']).toMatchObject({ done: 9, total: 9 });
    const run = await cli(
      [
        'optimize',
        '--strategy',
        'sma-cross',
        '--params',
        'fast=5:15:5,slow=30:50:10',
        '--symbols',
        'SPY',
        '--json',
      ],
      { cwd: server.cwd },
    );
    const { runId: _a, ...expected } = JSON.parse(run.stdout) as Json;
    const { runId: _b, ...actual } = job['result'] as Json;
    expect(actual).toEqual(expected);

    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.close();
    const mine = events.filter(
      (e) => e['type'] === 'message' && (e['data'] as Json)['id'] === submitted.body['id'],
    );
    const statuses = mine.map((e) => (e['data'] as Json)['status']);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('completed');
    const last = mine.at(-1)?.['data'] as Json;
    expect(last['progress']).toMatchObject({ done: 9, total: 9 });
    expect(last['result']).toBeUndefined(); // results are fetched by id, not broadcast
  });

  it('refuses a bad optimization request naming the field', async () => {
    const bad = await call(server, 'POST', '/trading/optimize', {
      body: { strategy: 'sma-cross', params: 'fast=5:15:5', symbols: ['SPY'], method: 'guess' },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'body.method' } });
    const noSpace = await call(server, 'POST', '/trading/optimize', {
      body: { strategy: 'sma-cross', symbols: ['SPY'] },
    });
    expect(noSpace.body['field']).toBe('body.params');
    expect((await call(server, 'GET', '/trading/optimize/job-unknown')).status).toBe(404);
  });
});
