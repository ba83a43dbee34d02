import { quote } from '../../core/errors.js';
import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import type { ErrorDescriber } from '../http/http-client.js';
import { checkNewsQuery, querySymbols, selectNews } from '../http/news-query.js';
import { parseJsonBody, validatePayload } from '../http/payload.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderError } from '../http/provider-error.js';
import { ProviderHttp } from '../http/provider-http.js';
import { utcDate } from '../http/timestamps.js';
import type { ProviderDependencies } from '../http/timing.js';
import {
  companyTickersSchema,
  EDGAR,
  edgarFilingsConfigSchema,
  filingColumnsSchema,
  filingRows,
  filingTitle,
  newYorkClockMs,
  submissionsSchema,
  type EdgarFilingsConfig,
  type EdgarFilingsConfigInput,
  type FilingRow,
} from './edgar-filings-payload.js';
import { parseSecHeader } from './sec-header.js';

const DAY_MS = 86_400_000;
/** A filing accepted after 17:30 New York time, or before a weekend or holiday, gets a later filing date. */
const FILING_DATE_LAG_MS = 7 * DAY_MS;

interface Company {
  readonly cik: number;
  readonly name: string;
}

const describeEdgarError: ErrorDescriber = (status) =>
  status === 403
    ? { message: 'EDGAR requires a User-Agent naming you and a contact email; check the configured one' }
    : undefined;

/**
 * SEC EDGAR's filing index as a NewsSource (`sec-edgar`): for each query symbol, the company's filings of the
 * configured forms (8-K, 10-Q, 10-K by default) from https://data.sec.gov/submissions/CIK##########.json,
 * each as a NewsItem titled with its form and, for an 8-K, its item numbers and names. Tickers map to CIKs
 * through files/company_tickers.json (`BRK.B` is looked up as `BRK-B`); a symbol the SEC does not list
 * (a crypto pair, an index) is skipped, and a query without symbols returns nothing.
 * Filings older than `filings.recent` are read from the listed `CIK##########-submissions-NNN.json` files
 * when the query's `from` reaches back to them.
 * The publication time is the EDGAR acceptance time: with `acceptanceTime: 'sgml-header'` (default) it is
 * read from each filing's `<accession>.hdr.sgml`, which states it in Eastern time (one request per filing,
 * remembered); with `'new-york-clock'` the submissions JSON's value is read as Eastern time without a further
 * request (never early, up to 5 hours late: see newYorkClockMs). Every request carries the User-Agent; they
 * are spaced minIntervalMs apart (10 a second).
 */
export class EdgarFilingsSource implements NewsSource {
  readonly name = 'sec-edgar';
  private readonly config: EdgarFilingsConfig;
  private readonly http: ProviderHttp;
  private readonly acceptedAt = new Map<string, number>();
  private companies: { readonly byTicker: Map<string, Company>; readonly loadedAt: number } | null = null;

  constructor(config: EdgarFilingsConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig(EDGAR, edgarFilingsConfigSchema, config);
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: EDGAR,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { minIntervalMs: this.config.minIntervalMs },
        retry: this.config.retry,
        headers: this.config.userAgent === null ? {} : { 'User-Agent': this.config.userAgent },
        describeError: describeEdgarError,
      },
      dependencies,
    );
  }

  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    checkNewsQuery(query);
    if (this.config.userAgent === null) {
      throw this.http.fail(
        new ProviderError(
          EDGAR,
          'missing-key',
          'SEC EDGAR needs a User-Agent naming you and a contact email (SEC fair-access policy): set userAgent',
        ),
      );
    }
    const symbols = querySymbols(query);
    if (symbols.length === 0) return [];
    const companies = await this.companiesByTicker(signal);
    const items: NewsItem[] = [];
    for (const symbol of symbols) {
      const company = companies.get(symbol.replace(/\./g, '-'));
      if (company !== undefined) items.push(...(await this.filingsOf(symbol, company, query, signal)));
    }
    return selectNews(items, query);
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(this.config.userAgent !== null, null);
  }

  private async filingsOf(
    symbol: string,
    company: Company,
    query: NewsQuery,
    signal?: AbortSignal,
  ): Promise<NewsItem[]> {
    const cik = String(company.cik).padStart(10, '0');
    const what = `submissions of CIK ${cik}`;
    const submissions = await this.get(
      `${this.config.dataBaseUrl}/submissions/CIK${cik}.json`,
      signal,
      (body) => validatePayload(EDGAR, submissionsSchema, parseJsonBody(EDGAR, body, what), what),
    );
    const rows = filingRows(submissions.filings.recent);
    const oldest = rows.at(-1)?.filingDate ?? Number.POSITIVE_INFINITY;
    if (query.from !== undefined && query.from < oldest) {
      const from = utcDate(query.from);
      const to = query.to === undefined ? '9999-12-31' : utcDate(query.to + FILING_DATE_LAG_MS);
      const older = (submissions.filings.files ?? [])
        .filter((file) => file.filingTo >= from && file.filingFrom <= to)
        .sort((a, b) => b.filingTo.localeCompare(a.filingTo));
      for (const file of older) {
        const fileWhat = `filing index ${file.name}`;
        const columns = await this.get(
          `${this.config.dataBaseUrl}/submissions/${file.name}`,
          signal,
          (body) =>
            validatePayload(EDGAR, filingColumnsSchema, parseJsonBody(EDGAR, body, fileWhat), fileWhat),
        );
        rows.push(...filingRows(columns));
      }
    }
    const wanted = Math.min(query.limit ?? Number.POSITIVE_INFINITY, this.config.maxFilingsPerSymbol);
    const items: NewsItem[] = [];
    let read = 0;
    for (const row of rows) {
      if (items.length >= wanted || read >= this.config.maxFilingsPerSymbol) break;
      if (!this.wantsForm(row.form) || !this.mayFallIn(row, query)) continue;
      read++;
      const publishedAt = await this.acceptanceTime(company.cik, row, signal);
      if (
        (query.from !== undefined && publishedAt < query.from) ||
        (query.to !== undefined && publishedAt >= query.to)
      )
        continue;
      items.push(this.item(symbol, company, row, publishedAt));
    }
    return items;
  }

  private wantsForm(form: string): boolean {
    if (this.config.forms.includes(form)) return true;
    return (
      this.config.includeAmendments && form.endsWith('/A') && this.config.forms.includes(form.slice(0, -2))
    );
  }

  /** Whether a filing dated `filingDate` may have been accepted within [from, to) (it is accepted on or before it). */
  private mayFallIn(row: FilingRow, query: NewsQuery): boolean {
    if (query.from !== undefined && row.filingDate + DAY_MS <= query.from) return false;
    return query.to === undefined || row.filingDate - FILING_DATE_LAG_MS < query.to;
  }

  private async acceptanceTime(cik: number, row: FilingRow, signal?: AbortSignal): Promise<number> {
    if (this.config.acceptanceTime === 'new-york-clock') {
      const time = newYorkClockMs(row.acceptanceDateTime);
      if (time === null) {
        throw new ProviderError(
          EDGAR,
          'invalid-payload',
          `${EDGAR} filing ${row.accessionNumber}: acceptanceDateTime ${quote(row.acceptanceDateTime)} is not a date and time`,
        );
      }
      return time;
    }
    const known = this.acceptedAt.get(row.accessionNumber);
    if (known !== undefined) return known;
    const folder = `${this.config.archiveBaseUrl}/Archives/edgar/data/${cik}/${row.accessionNumber.replace(/-/g, '')}`;
    const time = await this.get(`${folder}/${row.accessionNumber}.hdr.sgml`, signal, (body) => {
      try {
        const header = parseSecHeader(body);
        if (header.accessionNumber !== row.accessionNumber)
          throw new Error(`it names accession ${quote(header.accessionNumber)}`);
        return header.acceptedAt;
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new ProviderError(
          EDGAR,
          'invalid-payload',
          `${EDGAR} SGML header of ${row.accessionNumber}: ${reason}`,
          { cause },
        );
      }
    });
    if (this.acceptedAt.size >= 10_000) this.acceptedAt.clear();
    this.acceptedAt.set(row.accessionNumber, time);
    return time;
  }

  private item(symbol: string, company: Company, row: FilingRow, publishedAt: number): NewsItem {
    const folder = `${this.config.archiveBaseUrl}/Archives/edgar/data/${company.cik}/${row.accessionNumber.replace(/-/g, '')}`;
    const described = row.description !== '' && row.description.toUpperCase() !== row.form.toUpperCase();
    const description = described ? ` (${row.description})` : '';
    return {
      source: this.name,
      url:
        row.primaryDocument === ''
          ? `${folder}/${row.accessionNumber}-index.htm`
          : `${folder}/${row.primaryDocument}`,
      title: filingTitle(symbol, row),
      summary: `${company.name} filed form ${row.form}${description} with the SEC on ${utcDate(row.filingDate)}, accession ${row.accessionNumber}.`,
      body: null,
      publishedAt,
      symbols: [symbol],
      language: 'en',
      providerSentiment: null,
    };
  }

  /** company_tickers.json as ticker -> company, reloaded after tickerMapTtlSeconds. */
  private async companiesByTicker(signal?: AbortSignal): Promise<Map<string, Company>> {
    const now = this.http.clock.now();
    if (this.companies !== null && now - this.companies.loadedAt < this.config.tickerMapTtlSeconds * 1000) {
      return this.companies.byTicker;
    }
    const what = 'files/company_tickers.json';
    const table = await this.get(`${this.config.archiveBaseUrl}/${what}`, signal, (body) =>
      validatePayload(EDGAR, companyTickersSchema, parseJsonBody(EDGAR, body, what), what),
    );
    const byTicker = new Map<string, Company>();
    for (const entry of Object.values(table)) {
      const ticker = entry.ticker.toUpperCase();
      if (!byTicker.has(ticker)) byTicker.set(ticker, { cik: entry.cik_str, name: entry.title });
    }
    this.companies = { byTicker, loadedAt: now };
    return byTicker;
  }

  private get<T>(url: string, signal: AbortSignal | undefined, parse: (body: string) => T): Promise<T> {
    return this.http.get({ url, ...(signal === undefined ? {} : { signal }), parse });
  }
}
