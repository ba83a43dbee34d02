import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli-in-process.js';
import { call, startTestServer, type Json, type TestServer } from './api-test-server.js';

interface CliBars {
  symbol: string;
  bars: { date: string; close: number }[];
}

describe('market endpoints (numbers equal the CLI)', () => {
  let server: TestServer;
  const cliJson = async (args: string[]): Promise<Json> => {
    const run = await cli(args, { cwd: server.cwd });
    if (run.code !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as Json;
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('GET /market/bars/{symbol} equals `data show --format json`', async () => {
    const api = await call(server, 'GET', '/market/bars/spy?from=2020-03-02&to=2020-04-01&limit=10');
    expect(api.status).toBe(200);
    const expected = await cliJson([
      'data',
      'show',
      'SPY',
      '--from',
      '2020-03-02',
      '--to',
      '2020-04-01',
      '--limit',
      '10',
      '--format',
      'json',
    ]);
    expect(api.body).toEqual({ ...expected, count: 10 });
    expect(((await call(server, 'GET', '/market/bars/SPY')).body['bars'] as unknown[]).length).toBe(400);
  });

  it('GET /market/indicators/{symbol} equals `indicators --format json` on the same bars exported to a file', async () => {
    const csv = (await cli(['data', 'show', 'SPY'], { cwd: server.cwd })).stdout;
    const file = join(server.cwd, 'spy.csv');
    writeFileSync(file, csv);
    const specs = 'sma:10,ema:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14';
    const expected = await cliJson([
      'indicators',
      '--input',
      file,
      '--indicators',
      specs,
      '--format',
      'json',
    ]);
    const api = await call(server, 'GET', `/market/indicators/SPY?indicators=${specs}`);
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ symbol: 'SPY', timeframe: '1d', ...expected });
    const latest = await call(server, 'GET', `/market/indicators/SPY?indicators=sma:10&limit=3`);
    expect(latest.body['rows']).toEqual(
      (expected['rows'] as Json[]).slice(-3).map((row) => ({ date: row['date'], sma_10: row['sma_10'] })),
    );
  });

  it('GET /market/correlation equals `stats corr --returns --log` on a CSV of the closes', async () => {
    const symbols = ['SPY', 'KO', 'PEP'];
    const series = await Promise.all(
      symbols.map(
        (s) => cliJson(['data', 'show', s, '--format', 'json']) as Promise<unknown> as Promise<CliBars>,
      ),
    );
    const lines = ['date,SPY,KO,PEP'];
    series[0]?.bars.forEach((bar, i) =>
      lines.push([bar.date, ...series.map((s) => s.bars[i]?.close)].join(',')),
    );
    const file = join(server.cwd, 'closes.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const expected = await cliJson(['stats', 'corr', '--input', file, '--returns', '--log', '--json']);
    const api = await call(server, 'GET', '/market/correlation?symbols=SPY,KO,PEP&returns=log');
    expect(api.status).toBe(200);
    const { timeframe, first, last, ...report } = api.body;
    expect(report).toEqual(expected);
    expect([timeframe, first, last]).toEqual(['1d', series[0]?.bars[0]?.date, series[0]?.bars.at(-1)?.date]);
    const levels = await call(server, 'GET', '/market/correlation?symbols=SPY,KO');
    expect(levels.body['onReturns']).toBe('none');
  });

  it('refuses bad market requests: unknown symbol 404, bad parameters 400 naming the field', async () => {
    const unknown = await call(server, 'GET', '/market/bars/ZZZZ');
    expect(unknown).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'no bars are stored for symbol "ZZZZ"' },
    });
    expect((await call(server, 'GET', '/market/bars/SPY?limit=0')).body['field']).toBe('querystring.limit');
    expect((await call(server, 'GET', '/market/bars/SPY?from=yesterday')).body['field']).toBe(
      'querystring.from',
    );
    expect((await call(server, 'GET', '/market/bars/SPY?timeframe=2d')).body['field']).toBe(
      'querystring.timeframe',
    );
    expect((await call(server, 'GET', '/market/bars/SPY?sort=desc')).status).toBe(400);
    expect((await call(server, 'GET', '/market/bars/SPY?timeframe=1m')).status).toBe(404);
    const indicator = await call(server, 'GET', '/market/indicators/SPY?indicators=nope:3');
    expect(indicator.status).toBe(400);
    expect(indicator.body['message']).toMatch(/unknown indicator "nope"/);
    expect((await call(server, 'GET', '/market/indicators/SPY')).body['field']).toBe(
      'querystring.indicators',
    );
    const tooLong = await call(server, 'GET', '/market/indicators/SPY?indicators=sma:300&from=2021-06-01');
    expect(tooLong.body['message']).toMatch(/needs more bars/);
    const single = await call(server, 'GET', '/market/correlation?symbols=SPY');
    expect(single.body['message']).toBe('correlation needs at least 2 symbols; got 1');
    expect((await call(server, 'GET', '/market/correlation?symbols=SPY,bad%20symbol')).body['field']).toBe(
      'querystring.symbols.1',
    );
  });
});
