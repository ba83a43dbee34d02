import { quote } from '../../core/errors.js';
import type { Filer } from '../../model/disclosure.types.js';
import { easternToEpochMs } from './eastern-time.js';
import { invalidDocument } from './sec-edgar-error.js';

/** What the SEC header of a filing says (`<accession>.hdr.sgml`, or the top of the full `.txt` submission). */
export interface SecHeader {
  readonly accessionNumber: string;
  /** `4`, `4/A`, `13F-HR`, ... */
  readonly formType: string;
  /** EDGAR acceptance time, epoch ms: when the filing became public. */
  readonly acceptedAt: number;
  /** CONFORMED PERIOD OF REPORT as 00:00 UTC of that day (a 13F's quarter end), or null when absent. */
  readonly periodOfReport: number | null;
  /** The filer (13F: the manager), the reporting owner (Form 4) and the issuer (Form 4), when present. */
  readonly filer: Filer | null;
  readonly reportingOwner: Filer | null;
  readonly issuer: Filer | null;
}

const ACCEPTANCE = /<ACCEPTANCE-DATETIME>\s*(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/;

/**
 * Parses the EDGAR SEC header: `<ACCEPTANCE-DATETIME>YYYYMMDDhhmmss` (US Eastern time), then tab-separated
 * `KEY:\tvalue` lines (ACCESSION NUMBER, CONFORMED SUBMISSION TYPE, CONFORMED PERIOD OF REPORT YYYYMMDD) and
 * sections (FILER:, REPORTING-OWNER:, ISSUER:) whose COMPANY CONFORMED NAME and CENTRAL INDEX KEY name a party.
 * Throws SecEdgarError VALIDATION_FAILED when the acceptance time, accession number or form type is missing.
 */
export function parseSecHeader(text: string): SecHeader {
  const end = text.indexOf('</SEC-HEADER>');
  const header = end < 0 ? text : text.slice(0, end);
  const acceptance = ACCEPTANCE.exec(header);
  if (acceptance === null) throw invalidDocument('SEC header has no <ACCEPTANCE-DATETIME>YYYYMMDDhhmmss');
  const [year, month, day, hour, minute, second] = acceptance.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    throw invalidDocument(`SEC header acceptance time ${quote(acceptance[0])} is not a valid date and time`);
  }
  const acceptedAt = easternToEpochMs(year, month, day, hour, minute, second);

  const fields = new Map<string, string>();
  const parties = new Map<string, { name?: string; cik?: string }>();
  let section = '';
  for (const rawLine of header.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const colon = line.indexOf(':');
    if (colon < 0 || line.startsWith('<')) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const topLevel = !/^\s/.test(line);
    if (topLevel && value === '') section = key;
    else if (topLevel) fields.set(key, value);
    else if (section !== '' && (key === 'COMPANY CONFORMED NAME' || key === 'CENTRAL INDEX KEY')) {
      const party = parties.get(section) ?? {};
      if (key === 'COMPANY CONFORMED NAME') party.name ??= value;
      else party.cik ??= value;
      parties.set(section, party);
    }
  }
  const accessionNumber = fields.get('ACCESSION NUMBER');
  const formType = fields.get('CONFORMED SUBMISSION TYPE');
  if (accessionNumber === undefined || !/^\d{10}-\d{2}-\d{6}$/.test(accessionNumber)) {
    throw invalidDocument(
      `SEC header accession number ${quote(accessionNumber)} must look like 0001234567-24-000123`,
    );
  }
  if (formType === undefined || formType === '')
    throw invalidDocument('SEC header has no CONFORMED SUBMISSION TYPE');
  const period = fields.get('CONFORMED PERIOD OF REPORT');
  return {
    accessionNumber,
    formType,
    acceptedAt,
    periodOfReport: period === undefined ? null : compactDate(period),
    filer: party(parties.get('FILER')),
    reportingOwner: party(parties.get('REPORTING-OWNER')),
    issuer: party(parties.get('ISSUER') ?? parties.get('SUBJECT COMPANY')),
  };
}

function party(found: { name?: string; cik?: string } | undefined): Filer | null {
  if (found?.name === undefined || found.cik === undefined || !/^\d{1,10}$/.test(found.cik)) return null;
  return { name: found.name, cik: found.cik.padStart(10, '0') };
}

/** YYYYMMDD to 00:00 UTC of that day; throws on anything else. */
function compactDate(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const ms = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (match === null || new Date(ms).getUTCDate() !== Number(match[3])) {
    throw invalidDocument(`SEC header period of report ${quote(text)} must be a date YYYYMMDD`);
  }
  return ms;
}
