import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { parseForm4, type Form4Report } from './form4.js';
import { secEdgarConfigSchema, type SecEdgarConfig, type SecEdgarConfigInput } from './sec-edgar-config.js';
import { invalidDocument, SecEdgarError } from './sec-edgar-error.js';
import { parseSecHeader, type SecHeader } from './sec-header.js';
import {
  parseInformationTable,
  thirteenFChanges,
  type ThirteenFChanges,
  type ThirteenFReport,
} from './thirteen-f.js';

/** The directory listing EDGAR serves as `index.json` in each filing folder (only the fields used). */
const directorySchema = z.object({
  directory: z.object({ item: z.array(z.object({ name: z.string().min(1) })) }),
});

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Reads filings from EDGAR's archive, `<baseUrl>/Archives/edgar/data/<cik>/<accession without dashes>/<file>`:
 * the SEC header (`<accession>.hdr.sgml`: acceptance time, period, parties), the folder listing
 * (`index.json`), Form 4 ownership documents and 13F information tables, each validated before it is
 * returned. Sends the configured User-Agent on every request and spaces requests at least `minIntervalMs`
 * apart. Failures are SecEdgarError values with `code`, `retryable` and `cause` (sec-edgar-error.ts); it
 * does not retry by itself, so the caller decides how long to wait (429s carry `retryAfterMs`).
 */
export class SecEdgarClient {
  private readonly config: SecEdgarConfig;
  private readonly fetch: FetchFunction;
  private gate: Promise<void> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(config: SecEdgarConfigInput, fetchFunction: FetchFunction = globalThis.fetch) {
    const parsed = secEdgarConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(
        `SEC EDGAR ${issue?.path.join('.') ?? 'config'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    this.config = parsed.data;
    this.fetch = fetchFunction;
  }

  /** The SEC header of a filing: when it was accepted (published), its form, period and parties. */
  async header(cik: string, accessionNumber: string): Promise<SecHeader> {
    const text = await this.get(this.fileUrl(cik, accessionNumber, `${accessionNumber}.hdr.sgml`));
    const header = parseSecHeader(text);
    if (header.accessionNumber !== accessionNumber) {
      throw invalidDocument(`header of ${accessionNumber} names accession ${quote(header.accessionNumber)}`);
    }
    return header;
  }

  /** File names in a filing's folder. */
  async documents(cik: string, accessionNumber: string): Promise<string[]> {
    const url = this.fileUrl(cik, accessionNumber, 'index.json');
    let json: unknown;
    try {
      json = JSON.parse(await this.get(url));
    } catch (cause) {
      if (cause instanceof SecEdgarError) throw cause;
      throw invalidDocument(`filing index ${url} is not JSON`, cause);
    }
    const parsed = directorySchema.safeParse(json);
    if (!parsed.success)
      throw invalidDocument(`filing index ${url} lacks directory.item[].name`, parsed.error);
    return parsed.data.directory.item.map((item) => item.name);
  }

  /**
   * The open-market trades of a Form 4, published at the filing's acceptance time. Without `documentName`
   * the filing's only `.xml` file is read.
   */
  async form4(cik: string, accessionNumber: string, documentName?: string): Promise<Form4Report> {
    const header = await this.header(cik, accessionNumber);
    if (!header.formType.startsWith('4')) {
      throw invalidDocument(`filing ${accessionNumber} is a ${quote(header.formType)}, not a Form 4`);
    }
    const name = documentName ?? (await this.onlyXml(cik, accessionNumber, () => true));
    const xml = await this.get(this.fileUrl(cik, accessionNumber, name));
    return parseForm4(xml, { accessionNumber, publishedAt: header.acceptedAt });
  }

  /** A 13F-HR's holdings; without `documentName` the one `.xml` file other than primary_doc.xml is read. */
  async thirteenF(cik: string, accessionNumber: string, documentName?: string): Promise<ThirteenFReport> {
    const header = await this.header(cik, accessionNumber);
    if (!header.formType.startsWith('13F-HR')) {
      throw invalidDocument(`filing ${accessionNumber} is a ${quote(header.formType)}, not a 13F-HR`);
    }
    if (header.filer === null || header.periodOfReport === null) {
      throw invalidDocument(`13F header of ${accessionNumber} lacks the filer or the period of report`);
    }
    const name =
      documentName ??
      (await this.onlyXml(cik, accessionNumber, (file) => file.toLowerCase() !== 'primary_doc.xml'));
    const holdings = parseInformationTable(await this.get(this.fileUrl(cik, accessionNumber, name)));
    return {
      filer: header.filer,
      accessionNumber,
      periodOfReport: header.periodOfReport,
      publishedAt: header.acceptedAt,
      holdings,
    };
  }

  /** The trades implied by a manager's two consecutive 13F-HR filings (thirteenFChanges). */
  async thirteenFTrades(
    cik: string,
    previousAccession: string,
    currentAccession: string,
    cusipSymbols: ReadonlyMap<string, string>,
  ): Promise<ThirteenFChanges> {
    const previous = await this.thirteenF(cik, previousAccession);
    const current = await this.thirteenF(cik, currentAccession);
    return thirteenFChanges(previous, current, cusipSymbols);
  }

  private async onlyXml(
    cik: string,
    accessionNumber: string,
    keep: (name: string) => boolean,
  ): Promise<string> {
    const xml = (await this.documents(cik, accessionNumber)).filter(
      (n) => n.toLowerCase().endsWith('.xml') && keep(n),
    );
    if (xml.length !== 1) {
      throw invalidDocument(
        `filing ${accessionNumber} has ${xml.length} candidate XML documents (${xml.join(', ')}); name the one to read`,
      );
    }
    return xml[0] as string;
  }

  private fileUrl(cik: string, accessionNumber: string, file: string): string {
    if (!/^\d{1,10}$/.test(cik)) throw new InvalidInputError(`CIK ${quote(cik)} must be 1 to 10 digits`);
    if (!/^\d{10}-\d{2}-\d{6}$/.test(accessionNumber)) {
      throw new InvalidInputError(
        `accession number ${quote(accessionNumber)} must look like 0001234567-24-000123`,
      );
    }
    if (!/^[A-Za-z0-9._-]+$/.test(file))
      throw new InvalidInputError(`document name ${quote(file)} is not a file name`);
    return `${this.config.baseUrl}/Archives/edgar/data/${Number(cik)}/${accessionNumber.replace(/-/g, '')}/${file}`;
  }

  /** GET with the User-Agent, the timeout and the request spacing; maps every failure to a SecEdgarError. */
  private async get(url: string): Promise<string> {
    await this.throttle();
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: {
          'User-Agent': this.config.userAgent,
          Accept: 'application/xml, application/json, text/plain',
        },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      const message = timedOut ? `no answer within ${this.config.timeoutMs} ms` : 'could not connect';
      throw new SecEdgarError('UNAVAILABLE', `EDGAR ${url}: ${message}`, { retryable: true, cause, url });
    }
    if (response.ok) {
      try {
        return await response.text();
      } catch (cause) {
        throw new SecEdgarError('UNAVAILABLE', `EDGAR ${url}: the answer broke off`, {
          retryable: true,
          cause,
          url,
        });
      }
    }
    const status = response.status;
    await response.body?.cancel();
    if (status === 404) throw new SecEdgarError('NOT_FOUND', `EDGAR has no ${url} (404)`, { status, url });
    if (status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      throw new SecEdgarError('UNAVAILABLE', `EDGAR rate limit reached (429) at ${url}`, {
        retryable: true,
        status,
        url,
        ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}),
      });
    }
    if (status === 403) {
      throw new SecEdgarError(
        'PROVIDER_FAILURE',
        `EDGAR refused ${url} (403): it requires a User-Agent naming you and a contact email; check the configured one`,
        { status, url },
      );
    }
    throw new SecEdgarError('PROVIDER_FAILURE', `EDGAR answered ${status} for ${url}`, {
      retryable: status >= 500,
      status,
      url,
    });
  }

  /**
   * Resolves when this request may go: requests take turns (a promise chain, so concurrent calls queue) and
   * each starts at least minIntervalMs after the previous one actually started, on the monotonic clock.
   */
  private throttle(): Promise<void> {
    const turn = this.gate.then(async () => {
      // Timers may fire a little early or late: wait until the interval has really passed.
      for (let wait = this.lastStart + this.config.minIntervalMs - performance.now(); wait > 0;) {
        await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        wait = this.lastStart + this.config.minIntervalMs - performance.now();
      }
      this.lastStart = performance.now();
    });
    this.gate = turn;
    return turn;
  }
}
