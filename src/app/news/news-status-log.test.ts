import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import type { NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import type { NewsSourceEntry } from './build-news-sources.js';
import { NEWS_STATUS_FILE, NewsStatusLog } from './news-status-log.js';
import { sourcesStatus } from './sources-status.js';

const DAY = 86_400_000;
const T = Date.UTC(2024, 2, 6, 9);

describe('NewsStatusLog', () => {
  it('keeps each source history across processes in the data directory, counting requests per UTC day', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-news-status-'));
    const first = NewsStatusLog.inDataDir(dir);
    first.record('newsapi', { at: T, error: null, fetched: 20, inserted: 12, requests: 2 });
    first.record('newsapi', { at: T + 1_000, error: 'HTTP 500', fetched: 0, inserted: 0, requests: 3 });
    const second = NewsStatusLog.inDataDir(dir);
    expect(second.history('newsapi', '2024-03-06')).toEqual({
      lastFetchAt: T + 1_000,
      lastSuccessAt: T,
      lastErrorAt: T + 1_000,
      lastError: 'HTTP 500',
      fetches: 2,
      failures: 1,
      itemsFetched: 20,
      itemsInserted: 12,
      requestsDay: '2024-03-06',
      requestsToday: 5,
    });
    expect(second.history('newsapi', '2024-03-07').requestsToday).toBe(0);
    second.record('newsapi', { at: T + DAY, error: null, fetched: 1, inserted: 1, requests: 1 });
    expect(second.history('newsapi')).toMatchObject({
      requestsDay: '2024-03-07',
      requestsToday: 1,
      lastError: 'HTTP 500',
    });
    expect(JSON.parse(readFileSync(join(dir, NEWS_STATUS_FILE), 'utf8'))).toHaveProperty(
      'newsapi.fetches',
      3,
    );
    expect(second.history('finnhub').fetches).toBe(0);
  });

  it('refuses a file that is not a status log, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-news-status-'));
    writeFileSync(join(dir, NEWS_STATUS_FILE), '{"newsapi": {"fetches": -1}}');
    expect(() => NewsStatusLog.inDataDir(dir).read()).toThrow(/news-status.json" is not a valid status log/);
    writeFileSync(join(dir, NEWS_STATUS_FILE), 'nope');
    expect(() => NewsStatusLog.inDataDir(dir).read()).toThrow(/is not JSON/);
  });
});

function entry(
  name: string,
  status: Partial<NewsSourceStatus>,
  problem: string | null = null,
): NewsSourceEntry {
  const source: NewsSource = {
    name,
    fetch: () => Promise.resolve([]),
    status: () => ({
      name,
      configured: problem === null,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      requests: 0,
      quotaRemaining: null,
      ...status,
    }),
  };
  return { name, kind: 'newsapi', description: name, source, problem };
}

describe('sourcesStatus', () => {
  it('merges live counters with the recorded history and estimates the quota left today', () => {
    const log = new NewsStatusLog(null);
    log.record('newsapi', { at: T - 3_600_000, error: null, fetched: 5, inserted: 5, requests: 30 });
    log.record('stale', { at: T - DAY, error: 'HTTP 503', fetched: 0, inserted: 0, requests: 7 });
    const rows = sourcesStatus(
      [
        // This process sent 4 requests (counted in the log's 30 too) and has 96 of its 100 left.
        entry('newsapi', { requests: 4, quotaRemaining: 96, lastErrorAt: T - 60_000, lastError: 'HTTP 429' }),
        entry('stale', {}, 'stale is not configured: set STALE_KEY'),
      ],
      null,
      log,
      new SimulatedClock(T),
    );
    expect(rows[0]).toMatchObject({
      name: 'newsapi',
      configured: true,
      requestsToday: 30,
      quotaRemaining: 70,
      lastSuccessAt: T - 3_600_000,
      lastErrorAt: T - 60_000,
      lastError: 'HTTP 429',
      itemsFetched: 5,
    });
    expect(rows[1]).toMatchObject({
      configured: false,
      problem: 'stale is not configured: set STALE_KEY',
      requestsToday: 0,
      quotaRemaining: null,
      lastErrorAt: T - DAY,
      lastError: 'HTTP 503',
    });
  });
});
