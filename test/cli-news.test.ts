import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalServer, type Answer, type SeenRequest } from '../src/adapters/http/local-server.fixture.js';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KEYS = { NEWS_API_KEY: 'news-key', FINNHUB_API_KEY: 'finnhub-key' };

/**
 * Providers on a local server, speaking NewsAPI's and Finnhub's documented JSON and RSS 2.0; the stories are
 * dated relative to the wall clock (the CLI reads it), so sentiment windows ending now contain them.
 */
function providers(now: number) {
  const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const article = (title: string, url: string, t: number, description: string) => ({
    source: { id: null, name: 'Wire' },
    title,
    description,
    url,
    publishedAt: iso(t),
  });
  return ({ path, query }: SeenRequest): Answer => {
    if (path === '/v2/everything') {
      return {
        json: {
          status: 'ok',
          totalResults: 3,
          articles: [
            article(
              'Apple beats estimates and raises full-year guidance',
              'https://news.example/1',
              now - 2 * DAY,
              'Apple reported record sales.',
            ),
            article(
              'Apple shares surge after record quarterly revenue',
              'https://news.example/2',
              now - DAY,
              'Margins improved.',
            ),
            article(
              'Microsoft misses expectations and cuts guidance',
              'https://news.example/3',
              now - 3 * HOUR,
              'Weak quarter.',
            ),
          ],
        },
      };
    }
    if (path === '/api/v1/company-news') {
      return query.get('symbol') === 'AAPL'
        ? {
            json: [
              {
                datetime: Math.floor((now - 2 * DAY) / 1000),
                headline: 'Apple beats estimates and raises full-year guidance',
                url: 'https://news.example/1',
                related: 'AAPL',
              },
            ],
          }
        : { json: [] };
    }
    if (path === '/feed.xml') {
      return {
        body: `<rss version="2.0"><channel><title>Board</title><item><title>Federal Reserve holds rates steady</title><link>https://fed.example/1</link><pubDate>${new Date(now - 5 * HOUR).toUTCString()}</pubDate></item></channel></rss>`,
      };
    }
    return { status: 404, body: 'not found' };
  };
}

describe('neural-trader news', () => {
  const server = new LocalServer();
  let cwd: string;
  beforeAll(async () => {
    await server.start();
    cwd = tempDir('nt-news-');
    await cli(['data', 'generate', '--symbols', 'AAPL,MSFT', '--days', '30'], { cwd });
    mkdirSync(join(cwd, '.neural-trader'), { recursive: true });
    writeFileSync(
      join(cwd, '.neural-trader', 'news-sources.json'),
      JSON.stringify({
        baseUrls: { newsapi: server.baseUrl, finnhub: server.baseUrl },
        feeds: [{ name: 'board', url: `${server.baseUrl}/feed.xml` }],
      }),
    );
  });
  beforeEach(() => server.reset(providers(Date.now())));
  afterAll(async () => {
    await server.stop();
  });

  it('fetch stores the news of the chosen sources and counts it per source', async () => {
    const run = await cli(
      ['news', 'fetch', '--sources', 'newsapi,finnhub,board', '--symbols', 'AAPL,MSFT', '--json'],
      {
        cwd,
        env: KEYS,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      sources: { source: string; fetched: number; inserted: number; merged: number }[];
    };
    expect(out.sources.map((s) => [s.source, s.fetched, s.inserted, s.merged])).toEqual([
      ['newsapi', 3, 3, 0],
      ['finnhub', 1, 0, 1],
      ['rss:board', 1, 1, 0],
    ]);
    const again = await cli(['news', 'fetch', '--sources', 'board'], { cwd, env: KEYS });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/rss:board\s+fetched\s+1\s+0\s+0\s+1/);
    expect(again.stdout).toContain('1 fetched, 0 new, 0 duplicates, 1 merged; 0 failed, 0 not configured');
  });

  it('says which key is missing: exit 2 for a named source, a note when all sources are asked', async () => {
    const named = await cli(['news', 'fetch', '--sources', 'newsapi'], { cwd });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(
      'error: newsapi is not configured: set NEWS_API_KEY (https://newsapi.org/register)',
    );
    const all = await cli(['news', 'fetch', '--json'], { cwd });
    expect(all.code).toBe(0);
    const out = JSON.parse(all.stdout) as { sources: { source: string; status: string }[] };
    expect(out.sources.map((s) => [s.source, s.status])).toEqual([
      ['newsapi', 'not-configured'],
      ['finnhub', 'not-configured'],
      ['alphavantage', 'not-configured'],
      ['sec-edgar', 'not-configured'],
      ['rss:board', 'fetched'],
    ]);
    const unknown = await cli(['news', 'fetch', '--sources', 'reuters'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('news source "reuters" is not one of newsapi, finnhub');
  });

  it('exits 1 when a source fails, naming it and its error', async () => {
    server.reset(() => ({ status: 404, body: 'feed gone' }));
    const run = await cli(['news', 'fetch', '--sources', 'board'], { cwd, env: KEYS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: rss:board failed: .*404/);
  });

  it('search finds stored articles, JSON marked as untrusted third-party content', async () => {
    const json = await cli(['news', 'search', 'apple', 'guidance', '--json'], { cwd });
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as {
      hits: { article: { title: string; untrusted: boolean; contentTrust: string; symbols: string[] } }[];
    };
    expect(out.hits.map((h) => h.article.title)).toEqual([
      'Apple beats estimates and raises full-year guidance',
    ]);
    expect(out.hits[0]?.article).toMatchObject({
      untrusted: true,
      contentTrust: 'external',
      symbols: ['AAPL'],
    });
    const text = await cli(['news', 'search', 'guidance', '--symbol', 'MSFT'], { cwd });
    expect(text.stdout).toContain('[newsapi] Microsoft misses expectations and cuts guidance');
    expect(text.stdout).toContain('[guidance]');
    expect((await cli(['news', 'search', 'tesla'], { cwd })).stdout).toContain(
      'no stored article matches "tesla"',
    );
    expect((await cli(['news', 'search', '"open'], { cwd })).code).toBe(2);
  });

  it('sentiment reads a symbol over a window; trends ranks the symbols', async () => {
    const run = await cli(['news', 'sentiment', '--symbol', 'AAPL', '--json'], { cwd });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      latest: { score: number; articles: number };
      volume: number;
      series: unknown[];
      articles: { untrusted: boolean }[];
    };
    expect(out.latest.articles).toBe(2);
    expect(out.latest.score).toBeGreaterThan(0.5);
    expect(out.volume).toBe(2);
    expect(out.series).toHaveLength(8);
    expect(out.articles.every((a) => a.untrusted)).toBe(true);
    const text = await cli(['news', 'sentiment', '--symbol', 'MSFT', '--window', '24h'], { cwd });
    expect(text.stdout).toMatch(/^MSFT sentiment -0\.\d{3} \(confidence 0\.\d{3}, 1 articles/);
    expect(text.stdout).toContain('Microsoft misses expectations and cuts guidance');
    const bad = await cli(['news', 'sentiment', '--symbol', 'AAPL', '--window', '7 days'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--window "7 days" must be a duration such as 90m, 24h, 7d or 2w');
    const trends = JSON.parse((await cli(['news', 'trends', '--json'], { cwd })).stdout) as {
      symbols: { symbol: string; articles: number }[];
    };
    expect(trends.symbols.map((t) => [t.symbol, t.articles]).sort()).toEqual([
      ['AAPL', 2],
      ['MSFT', 1],
    ]);
    expect((await cli(['news', 'trends', '--symbols', 'AAPL'], { cwd })).stdout).toMatch(/AAPL\s+2/);
  });

  it('sources status shows what is configured, what to set, and the recorded fetches', async () => {
    const run = await cli(['news', 'sources', 'status', '--json'], {
      cwd,
      env: { NEWS_API_KEY: 'news-key' },
    });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as {
      name: string;
      configured: boolean;
      problem: string | null;
      lastSuccessAt: number | null;
      quotaRemaining: number | null;
      requestsToday: number;
    }[];
    expect(rows.map((r) => [r.name, r.configured])).toEqual([
      ['newsapi', true],
      ['finnhub', false],
      ['alphavantage', false],
      ['sec-edgar', false],
      ['rss:board', true],
      ['fred', false],
    ]);
    const newsapi = rows[0];
    expect(newsapi?.lastSuccessAt).toBeGreaterThan(Date.now() - HOUR);
    expect(newsapi?.requestsToday).toBe(1);
    expect(newsapi?.quotaRemaining).toBe(99);
    expect(rows[1]?.problem).toBe(
      'finnhub is not configured: set FINNHUB_API_KEY (https://finnhub.io/register)',
    );
    const text = await cli(['news', 'sources', 'status'], { cwd });
    expect(text.stdout).toMatch(/rss:board\s+yes/);
    expect(text.stdout).toContain('fred is not configured: set FRED_API_KEY');
  });

  it('lists its commands in the help', async () => {
    const help = await cli(['news', '--help'], { cwd });
    expect(help.code).toBe(0);
    for (const command of ['fetch', 'search', 'sentiment', 'trends', 'sources', 'score']) {
      expect(help.stdout).toContain(command);
    }
    expect((await cli(['news', 'sources', '--help'], { cwd })).stdout).toContain('status');
  });

  it('score gives a headline a score in [-1, 1] with its confidence', async () => {
    const json = await cli(
      ['news', 'score', 'Analysts downgrade Microsoft to sell on a weak outlook', '--json'],
      { cwd },
    );
    const out = JSON.parse(json.stdout) as { score: number; confidence: number; label: string };
    expect(out.score).toBeGreaterThanOrEqual(-1);
    expect(out.score).toBeLessThan(-0.3);
    expect(out.label).toBe('negative');
    const text = await cli(['news', 'score', 'Apple beats estimates.', 'Shares surge.'], { cwd });
    expect(text.stdout).toMatch(
      /^score 0\.\d{3} positive \(confidence 0\.\d{2}\)\n {2}0\.\d{3} {2}Apple beats estimates\.\n/,
    );
    expect((await cli(['news', 'score', ' '], { cwd })).code).toBe(2);
  });
});
