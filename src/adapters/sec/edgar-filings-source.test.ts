import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure, type SeenRequest } from '../http/local-server.fixture.js';
import type { EdgarFilingsConfigInput } from './edgar-filings-payload.js';
import { EdgarFilingsSource } from './edgar-filings-source.js';

const USER_AGENT = 'Neural Trader tests admin@neural-trader.example';
const server = new LocalServer();

const TICKERS = {
  '0': { cik_str: 111111, ticker: 'ACME', title: 'Acme Corp' },
  '1': { cik_str: 222222, ticker: 'BRK-B', title: 'Berkshire Hathaway Inc' },
};
/** filings.recent of Acme, newest first, in the submissions API's columnar form. */
const RECENT = {
  accessionNumber: [
    '0000111111-24-000010',
    '0000111111-24-000009',
    '0000111111-24-000008',
    '0000111111-24-000007',
  ],
  filingDate: ['2024-03-06', '2024-03-05', '2024-02-01', '2024-01-16'],
  reportDate: ['2024-03-05', '2024-03-01', '2023-12-31', '2024-01-10'],
  // The 8-K's JSON time is genuine UTC (22:02:11Z = 17:02:11 EST); the others are the New York clock with a Z.
  acceptanceDateTime: [
    '2024-03-05T22:02:11.000Z',
    '2024-03-05T16:00:00.000Z',
    '2024-02-01T16:05:00.000Z',
    '2024-01-12T17:35:00.000Z',
  ],
  form: ['8-K', '4', '10-Q', '8-K/A'],
  items: ['2.02,9.01', '', '', '5.02'],
  primaryDocument: ['acme-8k.htm', 'form4.xml', 'acme-10q.htm', 'acme-8ka.htm'],
  primaryDocDescription: ['8-K', '', '10-Q', 'AMENDMENT'],
};
const OLDER = {
  accessionNumber: ['0000111111-23-000002'],
  filingDate: ['2023-02-10'],
  acceptanceDateTime: ['2023-02-09T16:30:00.000Z'],
  form: ['10-K'],
};
/** SGML header acceptance times (Eastern), as EDGAR's archive serves them. */
const ACCEPTED: Record<string, string> = {
  '0000111111-24-000010': '20240305170211',
  '0000111111-24-000008': '20240201160500',
  '0000111111-24-000007': '20240112173500',
  '0000111111-23-000002': '20230209163000',
};
const header = (accession: string, form: string) =>
  `<SEC-HEADER>${accession}.hdr.sgml : 20240306\n<ACCEPTANCE-DATETIME>${ACCEPTED[accession]}\nACCESSION NUMBER:\t\t${accession}\nCONFORMED SUBMISSION TYPE:\t${form}\nFILER:\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tAcme Corp\n\t\tCENTRAL INDEX KEY:\t\t\t0000111111\n</SEC-HEADER>\n`;

function edgar({ path }: SeenRequest) {
  if (path === '/files/company_tickers.json') return { json: TICKERS };
  if (path === '/submissions/CIK0000111111.json') {
    return {
      json: {
        cik: '111111',
        name: 'Acme Corp',
        tickers: ['ACME'],
        filings: {
          recent: RECENT,
          files: [
            {
              name: 'CIK0000111111-submissions-001.json',
              filingCount: 1,
              filingFrom: '2019-01-01',
              filingTo: '2023-12-31',
            },
          ],
        },
      },
    };
  }
  if (path === '/submissions/CIK0000111111-submissions-001.json') return { json: OLDER };
  const hdr = /^\/Archives\/edgar\/data\/111111\/\d{18}\/(\d{10}-\d{2}-\d{6})\.hdr\.sgml$/.exec(path);
  if (hdr !== null && ACCEPTED[hdr[1] as string] !== undefined)
    return { body: header(hdr[1] as string, '8-K') };
  return { status: 404, body: 'Not Found' };
}

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(edgar);
});

function source(config: Partial<EdgarFilingsConfigInput> = {}) {
  const time = fakeTime(Date.UTC(2024, 2, 7));
  const news = new EdgarFilingsSource(
    {
      userAgent: USER_AGENT,
      dataBaseUrl: server.baseUrl,
      archiveBaseUrl: server.baseUrl,
      minIntervalMs: 0,
      ...config,
    },
    time.dependencies,
  );
  return { news, ...time };
}

describe('EdgarFilingsSource', () => {
  it("lists a company's 8-K, 10-Q and amended 8-K, published at the SGML header's acceptance time", async () => {
    const items = await source().news.fetch({ symbols: ['acme'] });
    expect(items[0]).toEqual({
      source: 'sec-edgar',
      url: `${server.baseUrl}/Archives/edgar/data/111111/000011111124000010/acme-8k.htm`,
      title:
        'ACME 8-K: Item 2.02 Results of Operations and Financial Condition; Item 9.01 Financial Statements and Exhibits',
      summary: 'Acme Corp filed form 8-K with the SEC on 2024-03-06, accession 0000111111-24-000010.',
      body: null,
      publishedAt: Date.UTC(2024, 2, 5, 22, 2, 11), // 17:02:11 EST
      symbols: ['ACME'],
      language: 'en',
      providerSentiment: null,
    });
    expect(items[2]?.summary).toBe(
      'Acme Corp filed form 8-K/A (AMENDMENT) with the SEC on 2024-01-16, accession 0000111111-24-000007.',
    );
    expect(items.map((item) => [item.title, item.publishedAt])).toEqual([
      [expect.stringContaining('ACME 8-K:'), Date.UTC(2024, 2, 5, 22, 2, 11)],
      ['ACME 10-Q quarterly report for the period ended 2023-12-31', Date.UTC(2024, 1, 1, 21, 5)],
      [
        'ACME 8-K/A: Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers',
        Date.UTC(2024, 0, 12, 22, 35),
      ],
    ]);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/files/company_tickers.json',
      '/submissions/CIK0000111111.json',
      '/Archives/edgar/data/111111/000011111124000010/0000111111-24-000010.hdr.sgml',
      '/Archives/edgar/data/111111/000011111124000008/0000111111-24-000008.hdr.sgml',
      '/Archives/edgar/data/111111/000011111124000007/0000111111-24-000007.hdr.sgml',
    ]);
    expect(server.requests.every((r) => r.headers['user-agent'] === USER_AGENT)).toBe(true);
  });

  it('remembers acceptance times and the ticker map across fetches', async () => {
    const { news } = source({ cacheTtlSeconds: 0 });
    await news.fetch({ symbols: ['ACME'] });
    server.requests.length = 0;
    await news.fetch({ symbols: ['ACME'] });
    expect(server.requests.map((r) => r.path)).toEqual(['/submissions/CIK0000111111.json']);
  });

  it('reads the JSON clock as New York time without header requests: exact or late, never early', async () => {
    const items = await source({ acceptanceTime: 'new-york-clock' }).news.fetch({ symbols: ['ACME'] });
    expect(items.map((item) => item.publishedAt)).toEqual([
      Date.UTC(2024, 2, 6, 3, 2, 11), // the true time was 22:02:11 UTC: five hours late
      Date.UTC(2024, 1, 1, 21, 5), // exact
      Date.UTC(2024, 0, 12, 22, 35), // exact
    ]);
    expect(server.requests.some((r) => r.path.endsWith('.hdr.sgml'))).toBe(false);
  });

  it('reads the older submissions file when `from` reaches before filings.recent', async () => {
    const items = await source().news.fetch({
      symbols: ['ACME'],
      from: Date.UTC(2023, 0, 1),
      to: Date.UTC(2024, 0, 1),
    });
    expect(items.map((item) => [item.title, item.publishedAt, item.url])).toEqual([
      [
        'ACME 10-K annual report',
        Date.UTC(2023, 1, 9, 21, 30),
        `${server.baseUrl}/Archives/edgar/data/111111/000011111123000002/0000111111-23-000002-index.htm`,
      ],
    ]);
    expect(server.requests.map((r) => r.path)).toContain('/submissions/CIK0000111111-submissions-001.json');
  });

  it('keeps [from, to), the chosen forms and the limit', async () => {
    const window = await source().news.fetch({
      symbols: ['ACME'],
      from: Date.UTC(2024, 1, 1),
      to: Date.UTC(2024, 2, 1),
    });
    expect(window.map((item) => item.title)).toEqual([
      'ACME 10-Q quarterly report for the period ended 2023-12-31',
    ]);
    const quarterly = await source({ forms: ['10-Q'], includeAmendments: false }).news.fetch({
      symbols: ['ACME'],
    });
    expect(quarterly).toHaveLength(1);
    const latest = await source().news.fetch({ symbols: ['ACME'], limit: 1 });
    expect(latest.map((item) => item.publishedAt)).toEqual([Date.UTC(2024, 2, 5, 22, 2, 11)]);
  });

  it('looks BRK.B up as BRK-B, skips a symbol the SEC does not list, and needs symbols', async () => {
    const { news } = source();
    expect(await news.fetch({})).toEqual([]);
    expect(server.requests).toHaveLength(0);
    const error = await providerFailure(news.fetch({ symbols: ['BTC-USD', 'BRK.B'] }));
    expect(error).toMatchObject({ failure: 'not-found', status: 404 });
    expect(server.requests.at(-1)?.path).toBe('/submissions/CIK0000222222.json');
  });

  it('refuses to run without a User-Agent, and rejects one without a contact email', async () => {
    const news = new EdgarFilingsSource({ dataBaseUrl: server.baseUrl, archiveBaseUrl: server.baseUrl });
    const error = await providerFailure(news.fetch({ symbols: ['ACME'] }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', failure: 'missing-key' });
    expect(news.status()).toMatchObject({ name: 'sec-edgar', configured: false });
    expect(server.requests).toHaveLength(0);
    expect(() => new EdgarFilingsSource({ userAgent: 'curl/8.0' })).toThrow(
      /SEC EDGAR config userAgent: must name you/,
    );
  });

  it('does not retry a 403 and says what EDGAR wants', async () => {
    server.reset(() => ({
      status: 403,
      body: '<html>Your Request Originates from an Undeclared Automated Tool</html>',
    }));
    const error = await providerFailure(source().news.fetch({ symbols: ['ACME'] }));
    expect(error).toMatchObject({ failure: 'forbidden', retryable: false });
    expect(error.message).toContain('requires a User-Agent naming you');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 429 with Retry-After and a 500', async () => {
    server.queue({ status: 429, headers: { 'retry-after': '1' } }, { status: 500, body: 'error' });
    const { news, waits } = source();
    expect(await news.fetch({ symbols: ['ACME'] })).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('rejects malformed JSON, ragged columns and a header for another filing, and reads a partial table', async () => {
    server.reset((request) =>
      request.path.startsWith('/submissions/') ? { body: '{"cik":' } : edgar(request),
    );
    expect((await providerFailure(source().news.fetch({ symbols: ['ACME'] }))).message).toContain(
      'submissions of CIK 0000111111 is not JSON',
    );

    const ragged = { ...RECENT, form: ['8-K'] };
    server.reset((request) =>
      request.path === '/submissions/CIK0000111111.json'
        ? { json: { cik: 111111, name: 'Acme Corp', filings: { recent: ragged } } }
        : edgar(request),
    );
    expect((await providerFailure(source().news.fetch({ symbols: ['ACME'] }))).message).toBe(
      'SEC EDGAR submissions of CIK 0000111111: filings.recent: columns must all have as many entries as accessionNumber',
    );

    server.reset((request) =>
      request.path.endsWith('.hdr.sgml') ? { body: header('0000111111-24-000008', '8-K') } : edgar(request),
    );
    expect((await providerFailure(source().news.fetch({ symbols: ['ACME'] }))).message).toContain(
      'SGML header of 0000111111-24-000010: it names accession "0000111111-24-000008"',
    );

    const partial = {
      accessionNumber: ['0000111111-24-000010'],
      filingDate: ['2024-03-06'],
      acceptanceDateTime: ['2024-03-05T22:02:11.000Z'],
      form: ['8-K'],
    };
    server.reset((request) =>
      request.path === '/submissions/CIK0000111111.json'
        ? { json: { cik: '111111', name: 'Acme Corp', filings: { recent: partial } } }
        : edgar(request),
    );
    const [filing] = await source().news.fetch({ symbols: ['ACME'] });
    expect(filing?.title).toBe('ACME 8-K');
    expect(filing?.url).toMatch(/\/0000111111-24-000010-index\.htm$/);
  });
});
