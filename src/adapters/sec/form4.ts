import { quote } from '../../core/errors.js';
import { parseDisclosedTrade } from '../../model/disclosed-trade-schema.js';
import type { DisclosedTrade, Filer, FilerRole } from '../../model/disclosure.types.js';
import { invalidDocument } from './sec-edgar-error.js';
import { decimal, flag, xmlDate } from './sec-values.js';
import { at, childrenNamed, textAt, type XmlElement } from './xml-element.js';
import { parseXml, XmlParseError } from './xml-parser.js';

/** Where and when a filing was published; the document itself does not say (the SEC header does). */
export interface FilingPublication {
  readonly accessionNumber: string;
  /** EDGAR acceptance time, epoch ms. */
  readonly publishedAt: number;
}

/** A table I row that was read but not turned into a trade, and why. */
export interface SkippedTransaction {
  /** 0-based position among the nonDerivativeTransaction elements; -1 for the document as a whole. */
  readonly index: number;
  readonly code: string | null;
  readonly reason: string;
}

export interface Form4Report {
  readonly issuerSymbol: string;
  readonly owner: Filer;
  readonly trades: DisclosedTrade[];
  readonly skipped: SkippedTransaction[];
}

const FORM_TYPES = new Set(['4', '4/A']);
const SIDES = { P: { side: 'buy', acquired: 'A' }, S: { side: 'sell', acquired: 'D' } } as const;

/**
 * Reads an SEC Form 4 ownership document (EDGAR Ownership XML, root `ownershipDocument`) into disclosed
 * trades. Only table I (non-derivative) open-market transactions are trades a follower can mirror:
 * code P (purchase, acquired `A`) and S (sale, disposed `D`); awards, option exercises, tax withholding,
 * gifts and other codes are listed in `skipped` with the reason, as are P/S rows without a price.
 * Filer: the first reportingOwner (joint filings repeat the same transaction for each owner; mirroring it
 * once is right); role: officer, else director, else ten-percent owner (all owners' relationships count);
 * an owner who is none of these (`isOther` only) yields no trades. `sharesOwnedAfter` comes from
 * postTransactionAmounts/sharesOwnedFollowingTransaction. Throws SecEdgarError VALIDATION_FAILED on a document
 * that is not well-formed XML, not a Form 4, lacks the issuer's symbol or the owner's CIK, or has a P/S row
 * whose numbers or codes contradict the format.
 */
export function parseForm4(xml: string, publication: FilingPublication): Form4Report {
  const root = parseDocument(xml);
  if (root.localName !== 'ownershipDocument') {
    throw invalidDocument(`Form 4 root element ${quote(root.name)} must be ownershipDocument`);
  }
  const documentType = textAt(root, 'documentType');
  if (documentType === null || !FORM_TYPES.has(documentType)) {
    throw invalidDocument(`ownership document type ${quote(documentType)} must be 4 or 4/A`);
  }
  const issuerSymbol = (textAt(root, 'issuer/issuerTradingSymbol') ?? '').toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._/-]{0,31}$/.test(issuerSymbol) || issuerSymbol === 'NONE') {
    throw invalidDocument(`issuerTradingSymbol ${quote(issuerSymbol)} must be the issuer's ticker`);
  }
  const owners = childrenNamed(root, 'reportingOwner');
  const first = owners[0];
  const cik = first === undefined ? null : textAt(first, 'reportingOwnerId/rptOwnerCik');
  const name = first === undefined ? null : textAt(first, 'reportingOwnerId/rptOwnerName');
  if (cik === null || !/^\d{1,10}$/.test(cik) || name === null) {
    throw invalidDocument(`reportingOwner needs rptOwnerCik (digits) and rptOwnerName; got ${quote(cik)}`);
  }
  const owner: Filer = { name, cik: cik.padStart(10, '0') };
  const role = roleOf(owners);
  const trades: DisclosedTrade[] = [];
  const skipped: SkippedTransaction[] = [];
  if (role === null) {
    skipped.push({
      index: -1,
      code: null,
      reason: 'the reporting owner is not an officer, director or ten-percent owner',
    });
    return { issuerSymbol, owner, trades, skipped };
  }
  const rows = childrenNamed(at(root, 'nonDerivativeTable') ?? root, 'nonDerivativeTransaction');
  rows.forEach((row, index) => {
    const code = textAt(row, 'transactionCoding/transactionCode');
    if (code !== 'P' && code !== 'S') {
      skipped.push({
        index,
        code,
        reason: `code ${quote(code)} is not an open-market purchase (P) or sale (S)`,
      });
      return;
    }
    const where = `nonDerivativeTransaction ${index + 1}`;
    const priceText = textAt(row, 'transactionAmounts/transactionPricePerShare/value');
    if (priceText === null) {
      skipped.push({ index, code, reason: 'no price per share' });
      return;
    }
    const expected = SIDES[code];
    const acquired = textAt(row, 'transactionAmounts/transactionAcquiredDisposedCode/value');
    if (acquired !== expected.acquired) {
      throw invalidDocument(
        `${where}: code ${code} needs acquired/disposed ${expected.acquired}, got ${quote(acquired)}`,
      );
    }
    const quantity = decimal(
      textAt(row, 'transactionAmounts/transactionShares/value') ?? '',
      `${where} shares`,
    );
    const price = decimal(priceText, `${where} price per share`);
    const afterText = textAt(row, 'postTransactionAmounts/sharesOwnedFollowingTransaction/value');
    const raw = {
      filer: owner,
      role,
      symbol: issuerSymbol,
      side: expected.side,
      quantity,
      price,
      value: quantity * price,
      transactionDate: xmlDate(textAt(row, 'transactionDate/value') ?? '', `${where} transaction date`),
      publishedAt: publication.publishedAt,
      source: 'form4',
      accessionNumber: publication.accessionNumber,
      sharesOwnedAfter: afterText === null ? null : decimal(afterText, `${where} shares owned after`),
    };
    if (quantity === 0 || price === 0) {
      skipped.push({ index, code, reason: quantity === 0 ? 'zero shares' : 'zero price' });
      return;
    }
    try {
      trades.push(parseDisclosedTrade(raw, where));
    } catch (cause) {
      throw invalidDocument(cause instanceof Error ? cause.message : String(cause), cause);
    }
  });
  return { issuerSymbol, owner, trades, skipped };
}

/** Officer, else director, else ten-percent owner, over every reporting owner's relationship; else null. */
function roleOf(owners: readonly XmlElement[]): FilerRole | null {
  const has = (field: string): boolean =>
    owners.some((o) => flag(textAt(o, `reportingOwnerRelationship/${field}`)));
  if (has('isOfficer')) return 'officer';
  if (has('isDirector')) return 'director';
  if (has('isTenPercentOwner')) return 'ten-percent-owner';
  return null;
}

/** parseXml, its errors turned into SecEdgarError VALIDATION_FAILED. */
export function parseDocument(xml: string): XmlElement {
  try {
    return parseXml(xml);
  } catch (cause) {
    if (cause instanceof XmlParseError) throw invalidDocument(`malformed XML: ${cause.message}`, cause);
    throw cause;
  }
}
