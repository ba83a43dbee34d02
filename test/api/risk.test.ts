import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentId, positionId } from '../../src/core/ids.js';
import type { Position } from '../../src/model/position.types.js';
import { fromPreset } from '../../src/risk/presets.js';
import { cli } from '../helpers/run-cli-in-process.js';
import { call, seededDirectory, startTestServer, type Json, type TestServer } from './api-test-server.js';

function position(symbol: string, quantity: number): Position {
  return {
    id: positionId(`${symbol}-none`),
    accountId: null,
    instrumentId: instrumentId(symbol),
    strategyId: null,
    side: quantity > 0 ? 'long' : 'short',
    quantity,
    averagePrice: 100,
    realizedPnl: 0,
    commissions: 0,
    tsOpened: 1_000,
    tsLast: 2_000,
  };
}

describe('POST /risk/analysis (numbers equal `risk analyze`)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('on a stored symbol equals the CLI on a CSV of the same bars, with a benchmark for beta', async () => {
    for (const symbol of ['SPY', 'KO']) {
      writeFileSync(
        join(server.cwd, `${symbol}.csv`),
        (await cli(['data', 'show', symbol], { cwd: server.cwd })).stdout,
      );
    }
    const run = await cli(
      [
        'risk',
        'analyze',
        '--input',
        'SPY.csv',
        '--benchmark',
        'KO.csv',
        '--confidence',
        '0.9,0.975',
        '--paths',
        '2000',
        '--json',
      ],
      { cwd: server.cwd },
    );
    expect(run.code).toBe(0);
    const { input: cliInput, benchmark: _file, ...expected } = JSON.parse(run.stdout) as Json;
    const api = await call(server, 'POST', '/risk/analysis', {
      body: { symbol: 'SPY', benchmark: 'KO', confidences: [0.9, 0.975], mcPaths: 2000 },
    });
    expect(api.status).toBe(200);
    const { input, benchmark, ...actual } = api.body;
    expect(actual).toEqual(expected);
    expect(input).toEqual({
      ...(cliInput as Json),
      symbol: 'SPY',
      timeframe: '1d',
      file: undefined,
      column: undefined,
    });
    expect(benchmark).toEqual({ symbol: 'KO' });
    expect(typeof actual['beta']).toBe('number');
  });

  it('of the current portfolio equals `risk analyze --portfolio current`; without positions it says so', async () => {
    const empty = await call(server, 'POST', '/risk/analysis', { body: { portfolio: 'current' } });
    expect(empty.status).toBe(400);
    expect(empty.body['message']).toMatch(/no open positions are stored/);
    await server.store.positions.save(position('SPY', 10));
    await server.store.positions.save(position('KO', -20));
    const api = await call(server, 'POST', '/risk/analysis', {
      body: { portfolio: 'current', methods: ['historical', 'gaussian'] },
    });
    const run = await cli(
      ['risk', 'analyze', '--portfolio', 'current', '--method', 'historical,gaussian', '--json'],
      {
        cwd: server.cwd,
      },
    );
    expect(api.body).toEqual(JSON.parse(run.stdout));
  });

  it('refuses bad requests naming the field', async () => {
    const both = await call(server, 'POST', '/risk/analysis', {
      body: { symbol: 'SPY', portfolio: 'current' },
    });
    expect(both.status).toBe(400);
    const confidence = await call(server, 'POST', '/risk/analysis', {
      body: { symbol: 'SPY', confidences: [1.5] },
    });
    expect(confidence.status).toBe(400);
    expect(confidence.body['message']).toMatch(/confidences/);
    const unknown = await call(server, 'POST', '/risk/analysis', { body: { symbol: 'ZZZZ' } });
    expect(unknown.status).toBe(404);
  });
});

describe('risk limits and the kill switch', () => {
  it('serves the configured preset, validates and persists new limits, halts and resumes trading', async () => {
    const cwd = await seededDirectory('SPY', '30');
    let server = await startTestServer({ cwd });
    try {
      const initial = await call(server, 'GET', '/risk/limits');
      expect(initial.body).toMatchObject({
        choice: { preset: 'medium' },
        tradingState: 'active',
        updatedAt: null,
        updatedBy: null,
      });
      expect(initial.body['limits']).toEqual(JSON.parse(JSON.stringify(fromPreset('medium'))));

      const set = await call(server, 'PUT', '/risk/limits', {
        body: { preset: 'high', overrides: { shortSale: { shortable: ['SPY'] }, orderRate: null } },
      });
      expect(set.status).toBe(200);
      const limits = set.body['limits'] as Json;
      expect(limits['shortSale']).toEqual({ shortable: ['SPY'] });
      expect(limits['orderRate']).toBeUndefined();
      expect(limits['maxPosition']).toEqual({ maxEquityFraction: 0.35 });
      expect(set.body['updatedBy']).toBe('local');

      const invalid = await call(server, 'PUT', '/risk/limits', {
        body: { preset: 'high', overrides: { maxPosition: { maxQuantity: -1 } } },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body['message']).toMatch(/risk config maxPosition.maxQuantity "-1"/);
      expect((await call(server, 'PUT', '/risk/limits', { body: { limits: { bogus: 1 } } })).status).toBe(
        400,
      );
      expect((await call(server, 'PUT', '/risk/limits', { body: { preset: 'reckless' } })).status).toBe(400);
      expect((await call(server, 'GET', '/risk/limits')).body['limits']).toEqual(limits); // unchanged by refusals

      await server.store.positions.save(position('SPY', 7));
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
      const events: Json[] = [];
      socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString()) as Json));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'subscribe', topics: ['risk'] }));
      await new Promise((resolve) => setTimeout(resolve, 50));

      const engaged = await call(server, 'POST', '/risk/kill-switch', {
        body: { action: 'engage', reason: 'venue outage', flatten: true },
      });
      expect(engaged.body).toMatchObject({
        tradingState: 'halted',
        transition: {
          from: 'active',
          to: 'halted',
          cause: 'kill-switch',
          operator: 'local',
          reason: 'venue outage',
        },
        plan: { cancel: [], flatten: [{ instrumentId: 'SPY', side: 'sell', quantity: 7 }] },
        executed: false,
      });
      const again = await call(server, 'POST', '/risk/kill-switch', {
        body: { action: 'engage', reason: 'again' },
      });
      expect(again.body['transition']).toBeNull();
      const audit = await server.store.riskAudit.list();
      expect(audit.map((e) => e.kind)).toEqual(['kill-switch', 'transition', 'kill-switch']);
      expect(await (await fetch(`${server.url}/metrics`)).text()).toContain(
        'neural_trader_risk_trading_state 2',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.close();
      const riskEvents = events.filter((e) => e['topic'] === 'risk').map((e) => (e['data'] as Json)['event']);
      expect(riskEvents).toEqual(['kill-switch', 'transition', 'kill-switch']);

      expect(
        (await call(server, 'POST', '/risk/kill-switch', { body: { action: 'engage' } })).body['field'],
      ).toBe('body.reason');
      expect(
        (await call(server, 'POST', '/risk/kill-switch', { body: { action: 'explode', reason: 'x' } }))
          .status,
      ).toBe(400);

      // A restart keeps the limits and the halt.
      await server.close();
      server = await startTestServer({ cwd });
      const restored = await call(server, 'GET', '/risk/limits');
      expect(restored.body).toMatchObject({
        tradingState: 'halted',
        choice: { preset: 'high' },
        updatedBy: 'local',
      });
      expect(restored.body['limits']).toEqual(limits);

      const released = await call(server, 'POST', '/risk/kill-switch', {
        body: { action: 'release', reason: 'venue back' },
      });
      expect(released.body).toMatchObject({
        tradingState: 'active',
        transition: { from: 'halted', to: 'active' },
        plan: null,
      });
      expect(
        (await call(server, 'POST', '/risk/kill-switch', { body: { action: 'release', reason: 'x' } })).body[
          'transition'
        ],
      ).toBeNull();
    } finally {
      await server.close();
    }
  });
});
