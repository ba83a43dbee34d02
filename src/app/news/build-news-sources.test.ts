import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMacroClient, buildNewsSources } from './build-news-sources.js';
import { configFor } from './news-providers.fixture.js';
import { DEFAULT_FEEDS, loadNewsSettings, NEWS_SETTINGS_FILE, parseNewsSettings } from './news-settings.js';

const AGENT = 'Acme Research admin@acme.example';
const summary = (entries: ReturnType<typeof buildNewsSources>) =>
  entries.map((e) => [e.name, e.kind, e.source === null ? 'none' : 'built', e.problem === null]);

describe('buildNewsSources', () => {
  it('lists every keyed source, says what to set for each missing key, and reads the preset feeds by default', () => {
    const entries = buildNewsSources(configFor({}), parseNewsSettings({}));
    expect(DEFAULT_FEEDS).toEqual(['yahoo-finance', 'fed-press', 'sec-8k']);
    expect(summary(entries)).toEqual([
      ['newsapi', 'newsapi', 'built', false],
      ['finnhub', 'finnhub', 'built', false],
      ['alphavantage', 'alphavantage', 'built', false],
      ['sec-edgar', 'sec-edgar', 'built', false],
      ['rss:yahoo-finance', 'rss', 'built', true],
      ['rss:fed-press', 'rss', 'built', true],
      ['rss:sec-8k', 'rss', 'none', false],
    ]);
    expect(entries.map((e) => e.problem).filter((p) => p !== null)).toEqual([
      'newsapi is not configured: set NEWS_API_KEY (https://newsapi.org/register)',
      'finnhub is not configured: set FINNHUB_API_KEY (https://finnhub.io/register)',
      'alphavantage is not configured: set ALPHA_VANTAGE_API_KEY (https://www.alphavantage.co/support/#api-key)',
      expect.stringContaining('sec-edgar is not configured: set "secUserAgent" in news-sources.json'),
      expect.stringContaining('rss:sec-8k is not configured: set "secUserAgent"'),
    ]);
  });

  it('configures the keyed sources from the keys, and the SEC sources from the User-Agent', () => {
    const config = configFor({ NEWS_API_KEY: 'a', FINNHUB_API_KEY: 'b', ALPHA_VANTAGE_API_KEY: 'c' });
    const entries = buildNewsSources(
      config,
      parseNewsSettings({ secUserAgent: AGENT, feeds: ['sec-8k', 'treasury-press'] }),
    );
    expect(summary(entries)).toEqual([
      ['newsapi', 'newsapi', 'built', true],
      ['finnhub', 'finnhub', 'built', true],
      ['alphavantage', 'alphavantage', 'built', true],
      ['sec-edgar', 'sec-edgar', 'built', true],
      ['rss:sec-8k', 'rss', 'built', true],
      ['rss:treasury-press', 'rss', 'none', false],
    ]);
    expect(entries[5]?.problem).toContain('set "treasuryFeedUrl" in news-sources.json');
    const treasury = buildNewsSources(
      config,
      parseNewsSettings({ feeds: ['treasury-press'], treasuryFeedUrl: 'https://treasury.example/press.xml' }),
    );
    expect(treasury[4]).toMatchObject({ name: 'rss:treasury-press', problem: null });
    expect(buildMacroClient(config, parseNewsSettings({})).status().configured).toBe(false);
    expect(
      buildMacroClient(configFor({ FRED_API_KEY: 'f'.repeat(32) }), parseNewsSettings({})).status()
        .configured,
    ).toBe(true);
  });

  it('makes only the source with an invalid setting unusable, with the reason', () => {
    const entries = buildNewsSources(
      configFor({}),
      parseNewsSettings({
        secUserAgent: 'anonymous',
        feeds: [{ name: 'mine', url: 'ftp://feeds.example/x' }],
      }),
    );
    expect(entries.find((e) => e.name === 'sec-edgar')).toMatchObject({ source: null });
    expect(entries.find((e) => e.name === 'sec-edgar')?.problem).toMatch(
      /^sec-edgar: .*userAgent.*contact email/,
    );
    expect(entries.find((e) => e.name === 'rss:mine')?.problem).toMatch(
      /^rss:mine: RSS config url: must be an http\(s\) URL/,
    );
    expect(entries.find((e) => e.name === 'newsapi')?.source).not.toBeNull();
  });
});

describe('news settings', () => {
  it('reads news-sources.json from the data directory, defaults without one, and names what is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-news-settings-'));
    expect(loadNewsSettings(dir)).toEqual({ baseUrls: {} });
    writeFileSync(
      join(dir, NEWS_SETTINGS_FILE),
      JSON.stringify({ secUserAgent: AGENT, feeds: ['fed-press'] }),
    );
    expect(loadNewsSettings(dir)).toEqual({ secUserAgent: AGENT, feeds: ['fed-press'], baseUrls: {} });
    writeFileSync(join(dir, NEWS_SETTINGS_FILE), '{ "feeds": [');
    expect(() => loadNewsSettings(dir)).toThrow(/news settings ".*news-sources.json" is not JSON/);
    writeFileSync(join(dir, NEWS_SETTINGS_FILE), JSON.stringify({ baseUrls: { newsapi: 'not a url' } }));
    expect(() => loadNewsSettings(dir)).toThrow(/field "baseUrls.newsapi": must be an http\(s\) URL/);
    expect(() => parseNewsSettings({ feeds: ['reuters'] })).toThrow('news settings field "feeds.0"');
    expect(() => parseNewsSettings({ keys: 1 })).toThrow(/news settings: .*keys/);
  });
});
