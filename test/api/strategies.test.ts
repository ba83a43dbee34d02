import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli-in-process.js';
import { call, startTestServer, type Json, type TestServer } from './api-test-server.js';

describe('strategy endpoints (numbers equal the CLI)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('GET /strategies and /strategies/{name} equal `strategies list/info --json`', async () => {
    const listed = await call(server, 'GET', '/strategies');
    const cliList = JSON.parse(
      (await cli(['strategies', 'list', '--json'], { cwd: server.cwd })).stdout,
    ) as unknown;
    expect(listed.body['strategies']).toEqual(cliList);
    const info = await call(server, 'GET', '/strategies/sma-cross');
    const cliInfo = JSON.parse(
      (await cli(['strategies', 'info', 'sma-cross', '--json'], { cwd: server.cwd })).stdout,
    ) as unknown;
    expect(info.body).toEqual(cliInfo);
    const unknown = await call(server, 'GET', '/strategies/nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body['message']).toContain('unknown strategy "nope"');
  });

  it('POST /strategies/compare equals `strategies compare --json` for the same inputs', async () => {
    const compared = await call(server, 'POST', '/strategies/compare', {
      body: {
        strategies: ['sma-cross', 'momentum'],
        symbols: ['SPY', 'KO'],
        params: { 'sma-cross': { fast: 5, slow: 20 } },
        commissionBps: 2,
        from: '2020-03-01',
      },
    });
    expect(compared.status).toBe(200);
    const run = await cli(
      [
        'strategies',
        'compare',
        '--strategies',
        'sma-cross,momentum',
        '--symbols',
        'SPY,KO',
        '--params',
        'sma-cross:fast=5;slow=20',
        '--commission-bps',
        '2',
        '--from',
        '2020-03-01',
        '--json',
      ],
      { cwd: server.cwd },
    );
    expect(run.code).toBe(0);
    expect(compared.body).toEqual(JSON.parse(run.stdout));
    expect((compared.body['rows'] as Json[]).map((r) => r['strategy']).sort()).toEqual([
      'momentum',
      'sma-cross',
    ]);
  });

  it('refuses bad comparison requests naming the field', async () => {
    const empty = await call(server, 'POST', '/strategies/compare', {
      body: { strategies: [], symbols: ['SPY'] },
    });
    expect(empty).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'body.strategies' } });
    const rank = await call(server, 'POST', '/strategies/compare', {
      body: { strategies: ['sma-cross'], symbols: ['SPY'], rankBy: 'luck' },
    });
    expect(rank.body['field']).toBe('body.rankBy');
    const extra = await call(server, 'POST', '/strategies/compare', {
      body: { strategies: ['sma-cross'], symbols: ['SPY'], data: '/etc/passwd' },
    });
    expect(extra.status).toBe(400);
    const missing = await call(server, 'POST', '/strategies/compare', {
      body: { strategies: ['sma-cross'], symbols: ['ZZZZ'] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body['message']).toMatch(/no 1d bars are stored for "ZZZZ"/);
  });

  it('POST /strategies/recommend equals `strategies recommend --json`, and refuses an unknown risk level', async () => {
    const recommended = await call(server, 'POST', '/strategies/recommend', {
      body: { symbols: ['KO', 'PEP'], risk: 'high', folds: 3, foldBars: 50 },
    });
    expect(recommended.status).toBe(200);
    const run = await cli(
      [
        'strategies',
        'recommend',
        '--symbols',
        'KO,PEP',
        '--risk',
        'high',
        '--folds',
        '3',
        '--fold-bars',
        '50',
        '--json',
      ],
      { cwd: server.cwd },
    );
    expect(recommended.body).toEqual(JSON.parse(run.stdout));
    const bad = await call(server, 'POST', '/strategies/recommend', {
      body: { symbols: ['KO'], risk: 'yolo' },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'body.risk' } });
  });
});
