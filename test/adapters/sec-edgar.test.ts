import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecEdgarClient, SecEdgarError, XmlParseError } from '../../src/adapters/sec/index.js';
import { SEC_FIXTURES } from '../../src/adapters/sec/sec-fixtures.fixture.js';
import { BarSeries } from '../../src/data/bar-series.js';
import { mirrorDefinition } from '../../src/strategies/mirror/definition.js';
import { runStrategy } from '../helpers/strategy-checks.js';

const USER_AGENT = 'Neural Trader tests admin@neural-trader.example';
const ACME = '111111';
const MANAGER = '2000001';

/**
 * A stand-in for www.sec.gov on 127.0.0.1: serves test/fixtures/sec/ as EDGAR's archive, answers 403 to a
 * request without a declared User-Agent (as EDGAR does), and lets a test force a status, body or delay per path.
 */
interface Override {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly delayMs?: number;
  /** Promise more bytes than are sent, then drop the connection. */
  readonly truncate?: boolean;
}
const overrides = new Map<string, Override>();
const requests: { path: string; headers: IncomingHttpHeaders; at: number }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push({ path, headers: request.headers, at: performance.now() });
    const override = overrides.get(path);
    const answer = (status: number, body: string, headers: Record<string, string> = {}): void => {
      const send = (): void => {
        response.writeHead(status, { 'content-type': 'text/plain', ...headers });
        response.end(body);
      };
      if (override?.delayMs === undefined) send();
      else setTimeout(send, override.delayMs);
    };
    if (override?.truncate === true) {
      response.writeHead(200, { 'content-length': '10000' });
      response.write('<ownershipDocument>');
      setTimeout(() => response.destroy(), 20);
      return;
    }
    if (override !== undefined && override.status !== undefined) {
      answer(override.status, override.body ?? '', override.headers);
      return;
    }
    if (!/\S+@\S+/.test(request.headers['user-agent'] ?? '')) {
      answer(403, 'Undeclared Automated Tool');
      return;
    }
    const file = normalize(join(SEC_FIXTURES, path));
    if (!file.startsWith(SEC_FIXTURES)) {
      answer(404, 'not found');
      return;
    }
    readFile(file, 'utf8').then(
      (text) => answer(200, override?.body ?? text),
      () => answer(404, 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  overrides.clear();
  requests.length = 0;
});

const client = (options: { timeoutMs?: number; minIntervalMs?: number } = {}) =>
  new SecEdgarClient({ baseUrl, userAgent: USER_AGENT, minIntervalMs: 0, ...options });

async function failure(promise: Promise<unknown>): Promise<SecEdgarError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SecEdgarError);
    return error as SecEdgarError;
  }
  throw new Error('expected the request to fail');
}

describe('SecEdgarClient against a local EDGAR', () => {
  it('reads a Form 4 published at its acceptance time, finding the document through index.json', async () => {
    const report = await client().form4(ACME, '0001000001-24-000003');
    expect(report.trades.map((t) => [t.symbol, t.side, t.quantity, t.price, t.role])).toEqual([
      ['ACME', 'buy', 10_000, 25.5, 'officer'],
      ['ACME', 'buy', 2_000, 25.75, 'officer'],
    ]);
    // Accepted 2024-03-05 18:30:15 New York time (EST) = 23:30:15 UTC, a day after the first trade.
    expect(report.trades[0]?.publishedAt).toBe(Date.UTC(2024, 2, 5, 23, 30, 15));
    expect(report.trades[0]?.transactionDate).toBe(Date.UTC(2024, 2, 4));
    expect(requests.map((r) => r.path)).toEqual([
      '/Archives/edgar/data/111111/000100000124000003/0001000001-24-000003.hdr.sgml',
      '/Archives/edgar/data/111111/000100000124000003/index.json',
      '/Archives/edgar/data/111111/000100000124000003/wk-form4_1709681415.xml',
    ]);
    expect(requests.every((r) => r.headers['user-agent'] === USER_AGENT)).toBe(true);
  });

  it('reads a named Form 4 document', async () => {
    const report = await client().form4(ACME, '0001000002-24-000011', 'form4.xml');
    expect(report.trades).toHaveLength(1);
    expect(report.trades[0]).toMatchObject({
      side: 'sell',
      role: 'director',
      publishedAt: Date.UTC(2024, 5, 11, 21, 5, 2),
    });
    expect(requests).toHaveLength(2);
  });

  it("turns two consecutive 13F-HR filings into the manager's trades", async () => {
    const symbols = new Map([
      ['004321105', 'ACME'],
      ['987654321', 'OLDC'],
    ]);
    const { trades, unmappedCusips } = await client().thirteenFTrades(
      MANAGER,
      '0002000001-24-000031',
      '0002000001-25-000004',
      symbols,
    );
    expect(trades.map((t) => [t.symbol, t.side, t.quantity, t.price, t.publishedAt])).toEqual([
      ['ACME', 'buy', 50_000, 28, Date.UTC(2025, 1, 13, 21, 30)],
      ['OLDC', 'sell', 30_000, 30, Date.UTC(2025, 1, 13, 21, 30)],
    ]);
    expect(trades[0]?.filer).toEqual({ name: 'Example Capital Management LLC', cik: '0002000001' });
    expect(unmappedCusips).toEqual(['555555107']);
  });

  it('reports a missing filing as NOT_FOUND, not retryable', async () => {
    const error = await failure(client().form4(ACME, '0001000001-24-000404'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', retryable: false, status: 404 });
    expect(error.message).toContain('0001000001-24-000404.hdr.sgml (404)');
  });

  it('reports a 429 as UNAVAILABLE and retryable, with Retry-After', async () => {
    overrides.set('/Archives/edgar/data/111111/000100000124000003/0001000001-24-000003.hdr.sgml', {
      status: 429,
      headers: { 'retry-after': '7' },
    });
    const error = await failure(client().form4(ACME, '0001000001-24-000003'));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('reports a 500 as a retryable PROVIDER_FAILURE and a 403 as a User-Agent problem', async () => {
    const path = '/Archives/edgar/data/111111/000100000124000003/index.json';
    overrides.set(path, { status: 500 });
    expect(await failure(client().documents(ACME, '0001000001-24-000003'))).toMatchObject({
      code: 'PROVIDER_FAILURE',
      retryable: true,
      status: 500,
    });
    overrides.set(path, { status: 403 });
    const forbidden = await failure(client().documents(ACME, '0001000001-24-000003'));
    expect(forbidden).toMatchObject({ code: 'PROVIDER_FAILURE', retryable: false, status: 403 });
    expect(forbidden.message).toContain('User-Agent');
  });

  it('refuses malformed XML as VALIDATION_FAILED with the parser error as cause', async () => {
    const error = await failure(client().form4(ACME, '0001000001-24-000099'));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
    expect(error.message).toContain('closing tag "reportingOwnr" does not match "reportingOwner"');
    expect(error.cause).toBeInstanceOf(XmlParseError);
  });

  it('refuses a malformed index and a filing of another form', async () => {
    overrides.set('/Archives/edgar/data/111111/000100000124000003/index.json', { body: 'not json' });
    expect(await failure(client().documents(ACME, '0001000001-24-000003'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    overrides.set('/Archives/edgar/data/111111/000100000124000003/index.json', { body: '{"directory":{}}' });
    expect((await failure(client().documents(ACME, '0001000001-24-000003'))).message).toContain(
      'directory.item[].name',
    );
    const wrongForm = await failure(client().thirteenF(ACME, '0001000002-24-000011'));
    expect(wrongForm.message).toContain('is a "4", not a 13F-HR');
    const wrongForm4 = await failure(client().form4(MANAGER, '0002000001-24-000031'));
    expect(wrongForm4.message).toContain('is a "13F-HR", not a Form 4');
  });

  it('reports an answer that breaks off as UNAVAILABLE and retryable', async () => {
    overrides.set('/Archives/edgar/data/111111/000100000124000003/wk-form4_1709681415.xml', {
      truncate: true,
    });
    const error = await failure(client().form4(ACME, '0001000001-24-000003'));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(error.message).toContain('the answer broke off');
  });

  it('refuses a 13F header without the filer or the period of report', async () => {
    const path = '/Archives/edgar/data/2000001/000200000124000031/0002000001-24-000031.hdr.sgml';
    const text = await readFile(join(SEC_FIXTURES, path), 'utf8');
    overrides.set(path, { body: text.replace(/CONFORMED PERIOD OF REPORT:.*\n/, '') });
    expect((await failure(client().thirteenF(MANAGER, '0002000001-24-000031'))).message).toContain(
      'lacks the filer or the period of report',
    );
  });

  it('asks for a document name when a filing has several candidate XML files', async () => {
    overrides.set('/Archives/edgar/data/2000001/000200000124000031/index.json', {
      body: '{"directory":{"item":[{"name":"primary_doc.xml"},{"name":"a.xml"},{"name":"b.xml"}]}}',
    });
    const error = await failure(client().thirteenF(MANAGER, '0002000001-24-000031'));
    expect(error.message).toContain('has 2 candidate XML documents (a.xml, b.xml); name the one to read');
  });

  it('refuses a header that names another accession', async () => {
    overrides.set('/Archives/edgar/data/111111/000100000124000003/0001000001-24-000003.hdr.sgml', {
      body: '<ACCEPTANCE-DATETIME>20240305183015\nACCESSION NUMBER:\t0001000001-24-000004\nCONFORMED SUBMISSION TYPE:\t4\n',
    });
    expect((await failure(client().header(ACME, '0001000001-24-000003'))).message).toContain(
      'names accession "0001000001-24-000004"',
    );
  });

  it('reports a timeout and a refused connection as UNAVAILABLE and retryable', async () => {
    overrides.set('/Archives/edgar/data/111111/000100000124000003/index.json', {
      status: 200,
      body: '{}',
      delayMs: 400,
    });
    const slow = await failure(client({ timeoutMs: 100 }).documents(ACME, '0001000001-24-000003'));
    expect(slow).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(slow.message).toContain('no answer within 100 ms');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await failure(
      new SecEdgarClient({ baseUrl: `http://127.0.0.1:${port}`, userAgent: USER_AGENT }).documents(
        ACME,
        '0001000001-24-000003',
      ),
    );
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(refused.message).toContain('could not connect');
  });

  it('spaces its requests at least minIntervalMs apart', async () => {
    // Measured where the client hands each request to fetch (server arrival times jitter under load).
    const sent: number[] = [];
    const recordingFetch = (input: string, init: RequestInit): Promise<Response> => {
      sent.push(performance.now());
      return fetch(input, init);
    };
    const spaced = new SecEdgarClient({ baseUrl, userAgent: USER_AGENT, minIntervalMs: 60 }, recordingFetch);
    await spaced.form4(ACME, '0001000001-24-000003');
    // Concurrent requests queue too.
    await Promise.all([1, 2, 3].map(() => spaced.documents(ACME, '0001000001-24-000003')));
    expect(sent).toHaveLength(6);
    for (let k = 1; k < sent.length; k++)
      expect((sent[k] as number) - (sent[k - 1] as number)).toBeGreaterThanOrEqual(59);
  });

  it('validates its configuration and the identifiers it puts in URLs', async () => {
    expect(() => new SecEdgarClient({ userAgent: 'python-requests/2.31' })).toThrow(
      'SEC EDGAR userAgent: userAgent must name you and give a contact email',
    );
    expect(() => new SecEdgarClient({ userAgent: USER_AGENT, baseUrl: 'ftp://sec.gov' })).toThrow('baseUrl');
    const edgar = client();
    await expect(edgar.documents('12a', '0001000001-24-000003')).rejects.toThrow(
      'CIK "12a" must be 1 to 10 digits',
    );
    await expect(edgar.documents(ACME, '1-2-3')).rejects.toThrow('accession number "1-2-3"');
    await expect(edgar.form4(ACME, '0001000001-24-000003', '../secret')).rejects.toThrow(
      'is not a file name',
    );
  });
});

describe('disclosures fetched from EDGAR drive the mirror strategy', () => {
  it('trades the purchase at the first open after its acceptance, not at the transaction date', async () => {
    const { trades } = await client().form4(ACME, '0001000001-24-000003');
    // Daily ACME bars from Friday 2024-03-01, weekdays only, price rising 1% a day from 25.
    const days: number[] = [];
    for (let day = Date.UTC(2024, 2, 1); days.length < 30; day += 86_400_000) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6) days.push(day);
    }
    const series = BarSeries.fromBars(
      'ACME',
      '1d',
      days.map((ts, i) => {
        const close = 25 * 1.01 ** i;
        return {
          tsEvent: ts,
          open: close / 1.005,
          high: close * 1.01,
          low: close / 1.01,
          close,
          volume: 1e6,
        };
      }),
    );
    const result = runStrategy(
      () =>
        mirrorDefinition.create(
          { holdingBars: 5 },
          { symbols: ['ACME'], timeframe: '1d' },
          { disclosures: trades },
        ),
      [series],
    );
    // The $255,000 purchase qualifies (>= $100,000); the $51,500 one does not. Accepted 2024-03-05 23:30 UTC:
    // decided at the close of the 03-05 bar (03-06 00:00 UTC), filled at the 03-06 open.
    expect(result.fills.map((f) => [f.side, new Date(f.tsEvent).toISOString().slice(0, 10)])).toEqual([
      ['buy', '2024-03-06'],
      ['sell', '2024-03-13'],
    ]);
  });
});
