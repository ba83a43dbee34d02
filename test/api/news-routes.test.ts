import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalServer } from '../../src/adapters/http/local-server.fixture.js';
import { INSTRUMENTS, providers } from '../../src/app/news/news-providers.fixture.js';
import { cli } from '../helpers/run-cli-in-process.js';
import {
  AUTH_ENV,
  call,
  PASSWORD,
  seededDirectory,
  startTestServer,
  USERNAME,
  type Json,
  type TestServer,
} from './api-test-server.js';

/*
 * The /news endpoints over a store filled through POST /news/fetch from providers on a loopback server
 * (NewsAPI and Finnhub in their documented formats, stories of March 2024: news-providers.fixture.ts).
 * Windows are long enough to reach back to them from today.
 */
const WINDOW = '520w';

describe('news routes', () => {
  const providerServer = new LocalServer();
  let server: TestServer;
  let token: string;
  let viewerKey: string;
  let fetched: { status: number; body: Json };

  beforeAll(async () => {
    await providerServer.start();
    providerServer.handler = providers;
    const cwd = await seededDirectory('SPY', '30');
    const dataDir = join(cwd, '.neural-trader');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'news-sources.json'),
      JSON.stringify({
        baseUrls: { newsapi: providerServer.baseUrl, finnhub: providerServer.baseUrl },
        feeds: [],
      }),
    );
    server = await startTestServer({ cwd, env: { ...AUTH_ENV, NEWS_API_KEY: 'k', FINNHUB_API_KEY: 'k' } });
    await server.store.instruments.upsert(INSTRUMENTS);
    const login = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    token = login.body['token'] as string;
    const created = await call(server, 'POST', '/auth/api-keys', {
      token,
      body: { name: 'reader', role: 'viewer' },
    });
    viewerKey = created.body['key'] as string;
    fetched = await call(server, 'POST', '/news/fetch', {
      token,
      body: { sources: ['newsapi', 'finnhub', 'alphavantage'], symbols: ['AAPL', 'MSFT'] },
    });
  });
  afterAll(async () => {
    await server.close();
    await providerServer.stop();
  });

  it('POST /news/fetch stores what the sources gave and reports a source without its key as not configured', () => {
    expect(fetched.status).toBe(200);
    const sources = fetched.body['sources'] as Json[];
    expect(sources.map((s) => [s.source, s.status])).toEqual([
      ['newsapi', 'fetched'],
      ['finnhub', 'fetched'],
      ['alphavantage', 'not-configured'],
    ]);
    const alpha = sources[2] as Json;
    expect(alpha).toMatchObject({ fetched: 0, inserted: 0 });
    expect(alpha['error']).toMatch(/ALPHA_VANTAGE_API_KEY/);
    // NewsAPI: 3 stories; Finnhub: 2 Apple stories (one at the same URL: merged) and 1 Microsoft story.
    const totals = fetched.body['totals'] as Json;
    // The reworded Apple story at another outlet is stored, marked as a duplicate: 4 new of 6 fetched.
    expect(sources.map((s) => [s['fetched'], s['inserted'], s['merged']])).toEqual([
      [3, 3, 0],
      [3, 1, 1],
      [0, 0, 0],
    ]);
    expect(totals).toEqual({
      fetched: 6,
      inserted: 4,
      duplicates: 1,
      merged: 1,
      failed: 0,
      notConfigured: 1,
    });
  });

  it('POST /news/fetch refuses a viewer when auth is on, and a bad body', async () => {
    const denied = await call(server, 'POST', '/news/fetch', { apiKey: viewerKey, body: {} });
    expect(denied.status).toBe(403);
    expect(denied.body['message']).toMatch(/needs the trader role/);
    const bad = await call(server, 'POST', '/news/fetch', { token, body: { symbols: ['no spaces!'] } });
    expect(bad.status).toBe(400);
    expect(bad.body['code']).toBe('INVALID_INPUT');
    const unknownField = await call(server, 'POST', '/news/fetch', { token, body: { everything: true } });
    expect(unknownField.status).toBe(400);
  });

  it('GET /news/search finds stored articles, each marked untrusted external content, as the CLI does', async () => {
    const found = await call(server, 'GET', '/news/search?q=apple%20guidance', { apiKey: viewerKey });
    expect(found.status).toBe(200);
    const hits = found.body['hits'] as Json[];
    expect(hits.map((h) => (h['article'] as Json)['url'])).toEqual(['https://news.example/apple-beats']);
    expect(hits[0]?.['article']).toMatchObject({
      title: 'Apple beats estimates and raises full-year guidance',
      symbols: ['AAPL'],
      untrusted: true,
      contentTrust: 'external',
    });
    const viaCli = await cli(['news', 'search', 'apple', 'guidance', '--json'], { cwd: server.cwd });
    expect(viaCli.code).toBe(0);
    expect(found.body).toEqual(JSON.parse(viaCli.stdout));

    const filtered = await call(server, 'GET', '/news/search?q=apple&symbol=MSFT&limit=5', { token });
    expect(filtered.body['hits']).toEqual([]);
    const ranged = await call(server, 'GET', '/news/search?q=apple&from=2024-03-06&to=2024-03-08', { token });
    for (const hit of ranged.body['hits'] as Json[]) {
      const published = (hit['article'] as Json)['published'] as string;
      expect(published >= '2024-03-06' && published < '2024-03-08').toBe(true);
    }
  });

  it('GET /news/search refuses a missing query, a bad limit and a bad date', async () => {
    for (const path of ['/news/search', '/news/search?q=a&limit=0', '/news/search?q=a&from=March']) {
      const refused = await call(server, 'GET', path, { token });
      expect(refused.status, path).toBe(400);
      expect(refused.body['code']).toBe('INVALID_INPUT');
    }
  });

  it('GET /news/sentiment/{symbol} gives the numbers of `news sentiment --json`', async () => {
    const api = await call(server, 'GET', `/news/sentiment/aapl?window=${WINDOW}`, { token });
    expect(api.status).toBe(200);
    const viaCli = await cli(['news', 'sentiment', '--symbol', 'AAPL', '--window', WINDOW, '--json'], {
      cwd: server.cwd,
    });
    expect(viaCli.code).toBe(0);
    const expected = JSON.parse(viaCli.stdout) as Json;
    expect(api.body['symbol']).toBe('AAPL');
    expect(api.body['volume']).toBe(expected['volume']);
    expect(api.body['volume']).toBeGreaterThan(0);
    expect(api.body['windowMean']).toBeCloseTo(expected['windowMean'] as number, 12);
    expect(api.body['novelty']).toBe(expected['novelty']);
    expect((api.body['latest'] as Json)['score']).toBeCloseTo(
      (expected['latest'] as Json)['score'] as number,
      9,
    );
    expect(api.body['articles']).toEqual(expected['articles']);
    for (const article of api.body['articles'] as Json[]) expect(article['untrusted']).toBe(true);

    // The default window is 7 days: the March 2024 stories are outside it.
    const recent = await call(server, 'GET', '/news/sentiment/AAPL', { token });
    expect(recent.body).toMatchObject({ windowMs: 7 * 86_400_000, volume: 0, latest: null });
  });

  it('GET /news/sentiment/{symbol} refuses a bad window and a bad symbol', async () => {
    for (const path of [
      '/news/sentiment/AAPL?window=7',
      '/news/sentiment/AAPL?window=30s',
      '/news/sentiment/a%20b',
    ]) {
      const refused = await call(server, 'GET', path, { token });
      expect(refused.status, path).toBe(400);
    }
  });

  it('GET /news/trends lists the symbols of the stored news as `news trends --json` does', async () => {
    const api = await call(server, 'GET', `/news/trends?window=${WINDOW}`, { token });
    expect(api.status).toBe(200);
    const viaCli = await cli(['news', 'trends', '--window', WINDOW, '--json'], { cwd: server.cwd });
    const expected = JSON.parse(viaCli.stdout) as Json;
    const rows = (body: Json) =>
      (body['symbols'] as Json[]).map((t) => [t['symbol'], t['articles'], t['volume']]);
    expect(rows(api.body)).toEqual(rows(expected));
    expect(
      rows(api.body)
        .map((row) => row[0])
        .sort(),
    ).toEqual(['AAPL', 'MSFT']);
    const only = await call(server, 'GET', `/news/trends?window=${WINDOW}&symbols=MSFT`, { token });
    expect((only.body['symbols'] as Json[]).map((t) => t['symbol'])).toEqual(['MSFT']);
    expect((await call(server, 'GET', '/news/trends?window=soon', { token })).status).toBe(400);
  });

  it('GET /news/sources/status reports configuration and the recorded fetches', async () => {
    const api = await call(server, 'GET', '/news/sources/status', { apiKey: viewerKey });
    expect(api.status).toBe(200);
    const rows = api.body as unknown as Json[];
    const byName = new Map(rows.map((r) => [r['name'], r]));
    expect(byName.get('newsapi')).toMatchObject({ configured: true, problem: null, fetches: 1, failures: 0 });
    expect(byName.get('alphavantage')).toMatchObject({ configured: false, requestsToday: 0 });
    expect(byName.get('alphavantage')?.['problem']).toMatch(/ALPHA_VANTAGE_API_KEY/);
    expect(byName.get('fred')).toMatchObject({ configured: false });
    expect((await call(server, 'GET', '/news/sources/status?x=1', { token })).status).toBe(200);
  });

  it('POST /news/score equals `news score --json` and refuses empty text', async () => {
    const text = 'Apple beats estimates and raises guidance. Shares slump on fraud probe.';
    const api = await call(server, 'POST', '/news/score', { apiKey: viewerKey, body: { text } });
    expect(api.status).toBe(200);
    const viaCli = await cli(['news', 'score', text, '--json'], { cwd: server.cwd });
    expect(viaCli.code).toBe(0);
    expect(api.body).toEqual(JSON.parse(viaCli.stdout));
    const score = api.body['score'] as number;
    expect(score).toBeGreaterThanOrEqual(-1);
    expect(score).toBeLessThanOrEqual(1);
    expect(api.body['sentences']).toHaveLength(2);
    const [praise, probe] = api.body['sentences'] as Json[];
    expect(praise?.['score']).toBeGreaterThan(0);
    expect(probe?.['score']).toBeLessThan(0);
    for (const body of [{ text: '' }, {}, { text: 5 }]) {
      const refused = await call(server, 'POST', '/news/score', { token, body });
      expect(refused.status).toBe(400);
      expect(refused.body['code']).toBe('INVALID_INPUT');
    }
  });

  it('the OpenAPI document lists the /news paths', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Json;
    const paths = Object.keys(doc['paths'] as Json).filter((path) => path.startsWith('/news'));
    expect(paths.sort()).toEqual([
      '/news/fetch',
      '/news/score',
      '/news/search',
      '/news/sentiment/{symbol}',
      '/news/sources/status',
      '/news/trends',
    ]);
  });
});
