import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure, type SeenRequest } from '../http/local-server.fixture.js';
import { FredClient } from './fred-client.js';
import type { FredConfigInput } from './fred-payload.js';

const KEY = 'abcdef0123456789abcdef0123456789';
const server = new LocalServer();

/** DGS10 (10-year Treasury yield, percent), daily; FRED marks the holiday of 2024-01-15 as ".". */
const DGS10 = [
  ['2024-01-11', '3.98'],
  ['2024-01-12', '3.96'],
  ['2024-01-15', '.'],
  ['2024-01-16', '4.07'],
  ['2024-01-17', '4.10'],
] as const;

/** Answers like FRED: honours sort_order, limit and offset over DGS10. */
function fred({ query }: SeenRequest) {
  const rows = query.get('sort_order') === 'desc' ? [...DGS10].reverse() : [...DGS10];
  const limit = Number(query.get('limit') ?? 100000);
  const offset = Number(query.get('offset') ?? 0);
  return {
    json: {
      realtime_start: '2024-03-06',
      realtime_end: '2024-03-06',
      observation_start: query.get('observation_start') ?? '1600-01-01',
      observation_end: query.get('observation_end') ?? '9999-12-31',
      units: 'lin',
      output_type: 1,
      file_type: 'json',
      order_by: 'observation_date',
      sort_order: query.get('sort_order'),
      count: rows.length,
      offset,
      limit,
      observations: rows
        .slice(offset, offset + limit)
        .map(([date, value]) => ({ realtime_start: '2024-03-06', realtime_end: '2024-03-06', date, value })),
    },
  };
}

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(fred);
});

function client(config: Partial<FredConfigInput> = {}) {
  const time = fakeTime();
  return {
    fred: new FredClient({ apiKey: KEY, baseUrl: server.baseUrl, ...config }, time.dependencies),
    ...time,
  };
}

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('FredClient', () => {
  it('reads a series in date order with "." as null and sends the documented parameters', async () => {
    const series = await client().fred.observations('DGS10', {
      from: day('2024-01-11'),
      to: day('2024-01-18'),
    });
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({
      series_id: 'DGS10',
      api_key: KEY,
      file_type: 'json',
      observation_start: '2024-01-11',
      observation_end: '2024-01-17',
      sort_order: 'asc',
      limit: '100000',
      offset: '0',
    });
    expect(series).toEqual({
      seriesId: 'DGS10',
      units: 'lin',
      observations: [
        { date: day('2024-01-11'), value: 3.98 },
        { date: day('2024-01-12'), value: 3.96 },
        { date: day('2024-01-15'), value: null },
        { date: day('2024-01-16'), value: 4.07 },
        { date: day('2024-01-17'), value: 4.1 },
      ],
    });
  });

  it('pages with offset until count is reached', async () => {
    const series = await client({ pageSize: 2 }).fred.observations('DGS10');
    expect(server.requests.map((r) => r.query.get('offset'))).toEqual(['0', '2', '4']);
    expect(series.observations.map((o) => o.value)).toEqual([3.98, 3.96, null, 4.07, 4.1]);
  });

  it('returns the latest `limit` observations in date order, and starts a mid-day `from` at the next date', async () => {
    const latest = await client().fred.observations('DGS10', { limit: 2 });
    expect(server.requests[0]?.query.get('sort_order')).toBe('desc');
    expect(server.requests[0]?.query.get('limit')).toBe('2');
    expect(latest.observations).toEqual([
      { date: day('2024-01-16'), value: 4.07 },
      { date: day('2024-01-17'), value: 4.1 },
    ]);
    await client().fred.observations('DGS10', { from: day('2024-01-11') + 1 });
    expect(server.requests[1]?.query.get('observation_start')).toBe('2024-01-12');
  });

  it('rejects malformed JSON and a value that is neither a number nor ".", naming the field', async () => {
    server.reset(() => ({ body: 'Internal error<br>' }));
    expect((await providerFailure(client().fred.observations('DGS10'))).message).toContain(
      'FRED series DGS10 is not JSON',
    );
    server.reset(() => ({
      json: { count: 1, offset: 0, limit: 10, observations: [{ date: '2024-01-11', value: 'n/a' }] },
    }));
    expect((await providerFailure(client().fred.observations('DGS10'))).message).toBe(
      'FRED series DGS10: observations[0].value: expected a number or ".", got "n/a"',
    );
  });

  it('reads a partial answer without units or realtime fields', async () => {
    server.reset(() => ({
      json: { count: 1, offset: 0, limit: 10, observations: [{ date: '2024-01-11', value: '3.98' }] },
    }));
    expect(await client().fred.observations('DGS10')).toEqual({
      seriesId: 'DGS10',
      units: '',
      observations: [{ date: day('2024-01-11'), value: 3.98 }],
    });
  });

  it('retries a 429 with Retry-After and a 500', async () => {
    server.queue(
      {
        status: 429,
        headers: { 'retry-after': '2' },
        json: { error_code: 429, error_message: 'Too Many Requests.' },
      },
      { status: 500, body: '' },
    );
    const { fred, waits } = client();
    expect((await fred.observations('DGS10')).observations).toHaveLength(5);
    expect(waits).toEqual([2000, 1000]);
    expect(fred.status()).toMatchObject({ name: 'fred', requests: 3, lastError: null });
  });

  it('treats the 400 for an unknown key as unauthorized, does not retry it, and masks the key', async () => {
    server.reset(() => ({
      status: 400,
      json: {
        error_code: 400,
        error_message:
          'Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.',
      },
    }));
    const error = await providerFailure(client().fred.observations('DGS10'));
    expect(error).toMatchObject({ failure: 'unauthorized', retryable: false, status: 400 });
    expect(error.message).toContain('api_key=***');
    expect(error.message).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
    server.reset(() => ({
      status: 400,
      json: { error_code: 400, error_message: 'Bad Request.  The series does not exist.' },
    }));
    expect((await providerFailure(client().fred.observations('NOPE'))).code).toBe('NOT_FOUND');
  });

  it('refuses to run without a key and refuses a bad series id or window', async () => {
    const fred = new FredClient({ baseUrl: server.baseUrl });
    expect((await providerFailure(fred.observations('DGS10'))).message).toContain('FRED_API_KEY');
    expect(fred.status().configured).toBe(false);
    await expect(client().fred.observations('DGS10&x=1')).rejects.toThrow(/FRED series id "DGS10&x=1"/);
    await expect(client().fred.observations('DGS10', { from: 10, to: 10 })).rejects.toThrow(
      /must be before to/,
    );
    await expect(client().fred.observations('DGS10', { limit: 1.5 })).rejects.toThrow(/integer >= 1/);
    expect(server.requests).toHaveLength(0);
  });

  it('serves a repeated request from the cache and holds the 121st request of a minute', async () => {
    const cached = client();
    await cached.fred.observations('DGS10');
    await cached.fred.observations('DGS10');
    expect(server.requests).toHaveLength(1);
    const { fred, waits } = client({ cacheTtlSeconds: 0 });
    for (let call = 0; call < 121; call++) await fred.observations('DGS10');
    expect(waits).toEqual([500]); // 120 a minute refill one token every 500 ms
  });
});
