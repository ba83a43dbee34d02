import { z } from 'zod';
import { apiKeySchema, baseUrl, commonProviderFields } from '../http/provider-config.js';
import { utcFromParts } from '../http/timestamps.js';
import { easternToEpochMs } from './eastern-time.js';

export const EDGAR = 'SEC EDGAR';

/**
 * Settings of the EDGAR filing index source. EDGAR's fair-access policy requires a User-Agent naming you and
 * a contact email and allows 10 requests a second (minIntervalMs 100). `acceptanceTime` picks how the
 * publication time is found (see EdgarFilingsSource).
 */
export const edgarFilingsConfigSchema = z.strictObject({
  userAgent: apiKeySchema.refine((agent) => agent === null || /^\S.*\s+\S+@\S+\.\S+$/.test(agent), {
    error: 'must name you and give a contact email, e.g. "Acme Research admin@acme.example"',
  }),
  /** Host of the submissions JSON. */
  dataBaseUrl: baseUrl('https://data.sec.gov'),
  /** Host of the archive (filing documents, SGML headers) and of files/company_tickers.json. */
  archiveBaseUrl: baseUrl('https://www.sec.gov'),
  /** Forms reported, as EDGAR names them; `includeAmendments` adds their /A forms. */
  forms: z
    .array(z.string().regex(/^[A-Z0-9-]+$/, 'must be an EDGAR form type such as "8-K"'))
    .min(1)
    .default(['8-K', '10-Q', '10-K']),
  includeAmendments: z.boolean().default(true),
  acceptanceTime: z.enum(['sgml-header', 'new-york-clock']).default('sgml-header'),
  /** Filings read per symbol and fetch at most (each may cost a header request). */
  maxFilingsPerSymbol: z.number().int().min(1).max(1_000).default(40),
  minIntervalMs: z.number().int().min(0).max(60_000).default(100),
  tickerMapTtlSeconds: z.number().int().min(0).default(86_400),
  ...commonProviderFields,
});
export type EdgarFilingsConfigInput = z.input<typeof edgarFilingsConfigSchema>;
export type EdgarFilingsConfig = z.output<typeof edgarFilingsConfigSchema>;

/** files/company_tickers.json: `{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, ...}`. */
export const companyTickersSchema = z.record(
  z.string(),
  z.object({ cik_str: z.number().int().min(1), ticker: z.string().min(1), title: z.string() }),
);

/** The columnar filing table of `filings.recent` and of each older `CIK##########-submissions-NNN.json`. */
export const filingColumnsSchema = z
  .object({
    accessionNumber: z.array(z.string().regex(/^\d{10}-\d{2}-\d{6}$/)),
    filingDate: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    reportDate: z.array(z.string()).nullish(),
    acceptanceDateTime: z.array(z.string()),
    form: z.array(z.string()),
    items: z.array(z.string()).nullish(),
    primaryDocument: z.array(z.string()).nullish(),
    primaryDocDescription: z.array(z.string()).nullish(),
  })
  .refine(
    (columns) =>
      Object.values(columns).every(
        (column) =>
          column === null || column === undefined || column.length === columns.accessionNumber.length,
      ),
    { error: 'columns must all have as many entries as accessionNumber' },
  );
export type FilingColumns = z.output<typeof filingColumnsSchema>;

export const submissionsSchema = z.object({
  cik: z.union([z.string(), z.number()]),
  name: z.string(),
  filings: z.object({
    recent: filingColumnsSchema,
    files: z
      .array(
        z.object({
          name: z.string().regex(/^CIK\d{10}-submissions-\d{3}\.json$/),
          filingFrom: z.string(),
          filingTo: z.string(),
        }),
      )
      .nullish(),
  }),
});
export type Submissions = z.output<typeof submissionsSchema>;

/** One filing of the table. */
export interface FilingRow {
  readonly accessionNumber: string;
  readonly form: string;
  /** 00:00 UTC of the filing date. */
  readonly filingDate: number;
  readonly reportDate: string;
  readonly acceptanceDateTime: string;
  readonly items: readonly string[];
  readonly primaryDocument: string;
  readonly description: string;
}

export function filingRows(columns: FilingColumns): FilingRow[] {
  return columns.accessionNumber.map((accessionNumber, i) => {
    const [year, month, day] = (columns.filingDate[i] as string).split('-').map(Number);
    return {
      accessionNumber,
      form: columns.form[i] ?? '',
      filingDate: utcFromParts(year as number, month as number, day as number) ?? Number.NaN,
      reportDate: columns.reportDate?.[i] ?? '',
      acceptanceDateTime: columns.acceptanceDateTime[i] ?? '',
      items: (columns.items?.[i] ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
      primaryDocument: columns.primaryDocument?.[i] ?? '',
      description: columns.primaryDocDescription?.[i] ?? '',
    };
  });
}

/**
 * The submissions JSON's acceptanceDateTime (`2024-03-05T17:02:11.000Z`) read as New York wall time.
 * Despite the `Z`, EDGAR writes the New York clock for some filers and UTC for others (the SGML header's
 * ACCEPTANCE-DATETIME is always Eastern): reported in dgunning/edgartools#557 and measured over 64,936
 * 8-K filings in theOGognf/finagg#64. Reading the clock as Eastern is exact for the first kind and 4 or 5
 * hours late for the second, never early: a backtest can then not see a filing before it was public.
 */
export function newYorkClockMs(acceptanceDateTime: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(acceptanceDateTime);
  if (match === null) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
  if (utcFromParts(year, month, day, hour, minute, second) === null) return null;
  return easternToEpochMs(year, month, day, hour, minute, second);
}

/** Form 8-K items (General Instructions B.1 and the item list of Form 8-K), for readable titles. */
export const EIGHT_K_ITEMS: Readonly<Record<string, string>> = {
  '1.01': 'Entry into a Material Definitive Agreement',
  '1.02': 'Termination of a Material Definitive Agreement',
  '1.03': 'Bankruptcy or Receivership',
  '1.04': 'Mine Safety - Reporting of Shutdowns and Patterns of Violations',
  '1.05': 'Material Cybersecurity Incidents',
  '2.01': 'Completion of Acquisition or Disposition of Assets',
  '2.02': 'Results of Operations and Financial Condition',
  '2.03': 'Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement',
  '2.04': 'Triggering Events That Accelerate or Increase a Direct Financial Obligation',
  '2.05': 'Costs Associated with Exit or Disposal Activities',
  '2.06': 'Material Impairments',
  '3.01':
    'Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing',
  '3.02': 'Unregistered Sales of Equity Securities',
  '3.03': 'Material Modification to Rights of Security Holders',
  '4.01': "Changes in Registrant's Certifying Accountant",
  '4.02': 'Non-Reliance on Previously Issued Financial Statements or a Related Audit Report',
  '5.01': 'Changes in Control of Registrant',
  '5.02':
    'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers',
  '5.03': 'Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year',
  '5.04': "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
  '5.05': "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
  '5.06': 'Change in Shell Company Status',
  '5.07': 'Submission of Matters to a Vote of Security Holders',
  '5.08': 'Shareholder Director Nominations',
  '6.01': 'ABS Informational and Computational Material',
  '6.02': 'Change of Servicer or Trustee',
  '6.03': 'Change in Credit Enhancement or Other External Support',
  '6.04': 'Failure to Make a Required Distribution',
  '6.05': 'Securities Act Updating Disclosure',
  '6.06': 'Static Pool',
  '7.01': 'Regulation FD Disclosure',
  '8.01': 'Other Events',
  '9.01': 'Financial Statements and Exhibits',
};

const FORM_NAMES: Readonly<Record<string, string>> = {
  '10-K': 'annual report',
  '10-Q': 'quarterly report',
  '20-F': 'annual report (foreign private issuer)',
  '6-K': 'report of a foreign private issuer',
  'DEF 14A': 'proxy statement',
  'S-1': 'registration statement',
};

/** `ACME 8-K: Item 2.02 Results of Operations and Financial Condition; Item 9.01 ...` and the like. */
export function filingTitle(ticker: string, row: FilingRow): string {
  const base = row.form.replace(/\/A$/, '');
  if (base === '8-K' && row.items.length > 0) {
    const items = row.items.map(
      (item) => `Item ${item}${EIGHT_K_ITEMS[item] === undefined ? '' : ` ${EIGHT_K_ITEMS[item]}`}`,
    );
    return `${ticker} ${row.form}: ${items.join('; ')}`;
  }
  const name = FORM_NAMES[base];
  const period = row.reportDate === '' ? '' : ` for the period ended ${row.reportDate}`;
  return `${ticker} ${row.form}${name === undefined ? '' : ` ${name}`}${period}`;
}
