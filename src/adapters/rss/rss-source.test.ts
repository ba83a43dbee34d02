import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure } from '../http/local-server.fixture.js';
import { rssPresetConfig, RSS_PRESETS } from './rss-presets.js';
import { RssSource } from './rss-source.js';
import type { RssSourceConfigInput } from './rss-config.js';

const USER_AGENT = 'Neural Trader tests admin@neural-trader.example';
const server = new LocalServer();

function yahooFeed(symbol: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Yahoo! Finance: ${symbol} News</title><language>en-US</language>
  <item><title>${symbol} beats estimates</title><link>https://finance.yahoo.com/news/${symbol.toLowerCase()}-beats.html</link>
    <description>${symbol} reported earnings above consensus.</description><guid isPermaLink="false">${symbol}-1</guid>
    <pubDate>Tue, 05 Mar 2024 21:05:00 +0000</pubDate></item>
  <item><title>${symbol} guidance cut</title><link>https://finance.yahoo.com/news/${symbol.toLowerCase()}-cut.html</link>
    <pubDate>Mon, 04 Mar 2024 13:00:00 +0000</pubDate></item>
</channel></rss>`;
}
const FED = `<rss version="2.0"><channel><title>FRB</title>
  <item><title>Minutes of the FOMC</title><link>/newsevents/pressreleases/monetary20240221a.htm</link>
    <description><![CDATA[<p>Minutes released.</p>]]></description><pubDate>Wed, 21 Feb 2024 19:00:00 GMT</pubDate></item>
  <item><description>A release with no title but a long description that goes on and on about supervisory matters and the stress tests of the largest banks in the country this year</description>
    <link>https://www.federalreserve.gov/newsevents/pressreleases/bcreg20240220a.htm</link><pubDate>Tue, 20 Feb 2024 16:00:00 GMT</pubDate></item>
</channel></rss>`;
const SEC_ATOM = `<?xml version="1.0" encoding="ISO-8859-1" ?><feed xmlns="http://www.w3.org/2005/Atom">
  <entry><title>8-K - Acme Corp (0000111111) (Filer)</title>
    <link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/111111/000011111124000010/0000111111-24-000010-index.htm"/>
    <summary type="html">&lt;b&gt;Filed:&lt;/b&gt; 2024-03-05 &lt;b&gt;Item 2.02:&lt;/b&gt; Results of Operations</summary>
    <updated>2024-03-05T17:02:11-05:00</updated></entry></feed>`;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(({ path, query }) => {
    if (path === '/rss/2.0/headline') return { body: yahooFeed(query.get('s') ?? '?') };
    if (path === '/feeds/press_all.xml') return { body: FED };
    if (path === '/cgi-bin/browse-edgar') return { body: SEC_ATOM };
    return { status: 404, body: 'not found' };
  });
});

function source(config: RssSourceConfigInput) {
  const time = fakeTime();
  return { news: new RssSource({ minIntervalMs: 0, ...config }, time.dependencies), ...time };
}

describe('RssSource', () => {
  it('reads the Yahoo Finance preset once per symbol and tags each item with its symbol', async () => {
    const { news } = source(rssPresetConfig('yahoo-finance', { baseUrl: server.baseUrl }));
    expect(news.name).toBe('rss:yahoo-finance');
    const items = await news.fetch({ symbols: ['ACME', 'BRK.B'] });
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { s: 'ACME', region: 'US', lang: 'en-US' },
      { s: 'BRK.B', region: 'US', lang: 'en-US' },
    ]);
    expect(items[0]).toEqual({
      source: 'rss:yahoo-finance',
      url: 'https://finance.yahoo.com/news/acme-beats.html',
      title: 'ACME beats estimates',
      summary: 'ACME reported earnings above consensus.',
      body: null,
      publishedAt: Date.UTC(2024, 2, 5, 21, 5),
      symbols: ['ACME'],
      language: 'en',
      providerSentiment: null,
    });
    expect(items.map((item) => item.symbols[0])).toEqual(['ACME', 'BRK.B', 'ACME', 'BRK.B']);
    expect(await news.fetch({})).toEqual([]); // a per-symbol feed has nothing to say without symbols
  });

  it('reads the Fed preset, resolving relative links and titling an untitled item from its description', async () => {
    const { news } = source(rssPresetConfig('fed-press', { baseUrl: server.baseUrl }));
    const items = await news.fetch({ from: Date.UTC(2024, 1, 1), limit: 5 });
    expect(items.map((item) => [item.url, item.title, item.symbols])).toEqual([
      [`${server.baseUrl}/newsevents/pressreleases/monetary20240221a.htm`, 'Minutes of the FOMC', []],
      [
        'https://www.federalreserve.gov/newsevents/pressreleases/bcreg20240220a.htm',
        'A release with no title but a long description that goes on and on about supervisory matters and the stress tests of the largest banks in…', // 140 characters end inside "the"
        [],
      ],
    ]);
    expect(items[0]?.language).toBe('en'); // the preset's language, as the channel states none
    expect(await news.fetch({ from: Date.UTC(2024, 1, 21), to: Date.UTC(2024, 1, 22) })).toHaveLength(1);
  });

  it('reads the SEC 8-K Atom preset with the required User-Agent', async () => {
    expect(() => rssPresetConfig('sec-8k', { baseUrl: server.baseUrl })).toThrow(/needs a userAgent/);
    const { news } = source(rssPresetConfig('sec-8k', { baseUrl: server.baseUrl, userAgent: USER_AGENT }));
    const [filing] = await news.fetch({});
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(server.requests[0]?.query.get('output')).toBe('atom');
    expect(filing).toMatchObject({
      title: '8-K - Acme Corp (0000111111) (Filer)',
      publishedAt: Date.UTC(2024, 2, 5, 22, 2, 11),
    });
  });

  it('has no Treasury URL it could confirm, and takes one when given', () => {
    expect(RSS_PRESETS['treasury-press'].url).toBeNull();
    expect(() => rssPresetConfig('treasury-press')).toThrow(/no confirmed feed URL/);
    expect(rssPresetConfig('treasury-press', { url: 'https://feeds.example/treasury.xml' })).toMatchObject({
      name: 'treasury-press',
      url: 'https://feeds.example/treasury.xml',
    });
  });

  it('fails on a malformed feed and on an HTML error page, and records the error', async () => {
    server.reset(() => ({ body: '<rss><channel><item><title>x</title></channel></rss>' }));
    const { news } = source({ name: 'broken', url: `${server.baseUrl}/feed.xml` });
    expect((await providerFailure(news.fetch({}))).message).toMatch(
      /^RSS feed broken: not well-formed XML at line 1/,
    );
    server.reset(() => ({ body: '<!DOCTYPE html><html><body>Oops</body></html>' }));
    expect(
      (await providerFailure(source({ name: 'html', url: `${server.baseUrl}/f` }).news.fetch({}))).failure,
    ).toBe('invalid-payload');
    expect(news.status()).toMatchObject({
      name: 'rss:broken',
      configured: true,
      requests: 1,
      lastSuccessAt: null,
    });
    expect(news.status().lastError).toContain('not well-formed XML');
  });

  it('retries a 429 after Retry-After and a 503, but not a 401 or a 404', async () => {
    server.queue({ status: 429, headers: { 'retry-after': '4' } }, { status: 503, body: 'busy' });
    const { news, waits } = source(rssPresetConfig('fed-press', { baseUrl: server.baseUrl }));
    expect(await news.fetch({})).toHaveLength(2);
    expect(waits).toEqual([4000, 1000]);
    const missing = await providerFailure(
      source({ name: 'gone', url: `${server.baseUrl}/gone.xml` }).news.fetch({}),
    );
    expect(missing).toMatchObject({ failure: 'not-found', code: 'NOT_FOUND', status: 404 });
    expect(server.requests.filter((r) => r.path === '/gone.xml')).toHaveLength(1);
    server.queue({ status: 401, body: 'Unauthorized' });
    const denied = await providerFailure(
      source({ name: 'private', url: `${server.baseUrl}/private.xml` }).news.fetch({}),
    );
    expect(denied).toMatchObject({ failure: 'unauthorized', retryable: false });
    expect(server.requests.filter((r) => r.path === '/private.xml')).toHaveLength(1);
  });

  it('serves a repeated read from the cache and spaces requests to the host', async () => {
    const { news, waits } = source({
      ...rssPresetConfig('yahoo-finance', { baseUrl: server.baseUrl }),
      minIntervalMs: 2_000,
    });
    await news.fetch({ symbols: ['ACME'] });
    await news.fetch({ symbols: ['ACME'], limit: 1 });
    expect(server.requests).toHaveLength(1);
    await news.fetch({ symbols: ['WID'] });
    expect(waits).toEqual([2000]);
  });

  it('refuses a bad configuration', () => {
    expect(() => new RssSource({ name: 'Bad Name', url: 'https://x.example/f' })).toThrow(
      /RSS config name: must be kebab-case/,
    );
    expect(() => new RssSource({ name: 'ftp', url: 'ftp://x.example/f' })).toThrow(
      /RSS config url: must be an http\(s\) URL/,
    );
  });
});
