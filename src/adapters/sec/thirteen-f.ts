import { z } from 'zod';
import { quote } from '../../core/errors.js';
import { parseDisclosedTrade } from '../../model/disclosed-trade-schema.js';
import type { DisclosedTrade, Filer } from '../../model/disclosure.types.js';
import { parseDocument } from './form4.js';
import { invalidDocument } from './sec-edgar-error.js';
import { decimal } from './sec-values.js';
import { childrenNamed, textAt, type XmlElement } from './xml-element.js';

/** One row (infoTable) of a 13F information table. `value` is as filed: see valueMultiplier. */
export interface ThirteenFHolding {
  readonly nameOfIssuer: string;
  readonly titleOfClass: string;
  readonly cusip: string;
  readonly value: number;
  /** sshPrnamt: shares, or principal amount for PRN rows. */
  readonly amount: number;
  readonly amountType: 'SH' | 'PRN';
  readonly putCall: 'Put' | 'Call' | null;
  readonly investmentDiscretion: 'SOLE' | 'DFND' | 'OTR';
}

/** A manager's quarterly report: its holdings and when the public learned them. */
export interface ThirteenFReport {
  readonly filer: Filer;
  readonly accessionNumber: string;
  /** The quarter end the holdings are as of (00:00 UTC). */
  readonly periodOfReport: number;
  /** EDGAR acceptance time (up to 45 days after the quarter end). */
  readonly publishedAt: number;
  readonly holdings: readonly ThirteenFHolding[];
}

const holdingSchema = z.strictObject({
  nameOfIssuer: z.string().min(1),
  titleOfClass: z.string().min(1),
  cusip: z.string().regex(/^[0-9A-Z]{9}$/, { error: 'CUSIP must be 9 letters or digits' }),
  value: z.number().min(0),
  amount: z.number().min(0),
  amountType: z.enum(['SH', 'PRN']),
  putCall: z.enum(['Put', 'Call']).nullable(),
  investmentDiscretion: z.enum(['SOLE', 'DFND', 'OTR']),
});

/** 2023-01-03 00:00 New York time: 13F filings from then on report value in dollars, before in thousands. */
const DOLLAR_VALUES_FROM = Date.UTC(2023, 0, 3, 5);

/** Dollars per unit of `value` in a 13F accepted at `publishedAt`: 1000 before 2023-01-03, 1 from then on. */
export function valueMultiplier(publishedAt: number): number {
  return publishedAt < DOLLAR_VALUES_FROM ? 1000 : 1;
}

/**
 * Reads a 13F information table (root `informationTable`, one `infoTable` per holding, any namespace
 * prefix): nameOfIssuer, titleOfClass, cusip, value, shrsOrPrnAmt/sshPrnamt and sshPrnamtType, putCall,
 * investmentDiscretion. Throws SecEdgarError VALIDATION_FAILED naming the row and field on anything else.
 */
export function parseInformationTable(xml: string): ThirteenFHolding[] {
  const root = parseDocument(xml);
  if (root.localName !== 'informationTable') {
    throw invalidDocument(`13F root element ${quote(root.name)} must be informationTable`);
  }
  return childrenNamed(root, 'infoTable').map((row, index) => readHolding(row, index + 1));
}

function readHolding(row: XmlElement, position: number): ThirteenFHolding {
  const where = `infoTable ${position}`;
  const number = (path: string): number => decimal(textAt(row, path) ?? '', `${where} ${path}`);
  const raw = {
    nameOfIssuer: textAt(row, 'nameOfIssuer') ?? '',
    titleOfClass: textAt(row, 'titleOfClass') ?? '',
    cusip: (textAt(row, 'cusip') ?? '').toUpperCase(),
    value: number('value'),
    amount: number('shrsOrPrnAmt/sshPrnamt'),
    amountType: textAt(row, 'shrsOrPrnAmt/sshPrnamtType'),
    putCall: textAt(row, 'putCall'),
    investmentDiscretion: textAt(row, 'investmentDiscretion'),
  };
  const parsed = holdingSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  throw invalidDocument(
    `${where} ${field} ${quote((raw as Record<string, unknown>)[field])}: ${issue?.message ?? 'invalid'}`,
    parsed.error,
  );
}

export interface ThirteenFChanges {
  readonly trades: DisclosedTrade[];
  /** CUSIPs whose holdings changed but that the caller's map has no symbol for (sorted). */
  readonly unmappedCusips: string[];
}

/**
 * Disclosed trades implied by two consecutive 13F reports of one manager. A 13F lists holdings, not trades,
 * so the trade is the change in shares per CUSIP (rows of one CUSIP summed across discretion and other
 * managers; options (putCall) and principal amounts (PRN) left out): more shares = buy, fewer = sale.
 * Price = value per share at the current quarter end (at the previous one for a position sold out), value
 * in dollars per valueMultiplier. transactionDate = the current quarter end (the trades happened at some
 * unknown time in the quarter, at the latest then); publishedAt = the current report's acceptance time, up to
 * 45 days later. `cusipSymbols` maps CUSIP to ticker (13F carries no tickers).
 */
export function thirteenFChanges(
  previous: ThirteenFReport,
  current: ThirteenFReport,
  cusipSymbols: ReadonlyMap<string, string>,
): ThirteenFChanges {
  if (previous.filer.cik !== current.filer.cik) {
    throw invalidDocument(
      `13F reports of two managers (${previous.filer.cik}, ${current.filer.cik}) cannot be compared`,
    );
  }
  if (!(previous.periodOfReport < current.periodOfReport)) {
    throw invalidDocument('the previous 13F report must cover an earlier quarter than the current one');
  }
  const before = totals(previous);
  const after = totals(current);
  const trades: DisclosedTrade[] = [];
  const unmapped: string[] = [];
  for (const cusip of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(cusip) ?? { shares: 0, dollars: 0 };
    const now = after.get(cusip) ?? { shares: 0, dollars: 0 };
    const change = now.shares - was.shares;
    if (change === 0) continue;
    const symbol = cusipSymbols.get(cusip);
    if (symbol === undefined) {
      unmapped.push(cusip);
      continue;
    }
    const priced = now.shares > 0 ? now : was;
    const price = priced.dollars / priced.shares;
    if (!(price > 0)) continue; // a zero-value row says nothing about the price
    const quantity = Math.abs(change);
    trades.push(
      parseDisclosedTrade(
        {
          filer: current.filer,
          role: 'institution',
          symbol,
          side: change > 0 ? 'buy' : 'sell',
          quantity,
          price,
          value: quantity * price,
          transactionDate: current.periodOfReport,
          publishedAt: current.publishedAt,
          source: '13f',
          accessionNumber: current.accessionNumber,
          sharesOwnedAfter: now.shares,
        },
        `13F change in ${cusip}`,
      ),
    );
  }
  return { trades, unmappedCusips: unmapped };
}

function totals(report: ThirteenFReport): Map<string, { shares: number; dollars: number }> {
  const multiplier = valueMultiplier(report.publishedAt);
  const out = new Map<string, { shares: number; dollars: number }>();
  for (const h of report.holdings) {
    if (h.amountType !== 'SH' || h.putCall !== null) continue;
    const total = out.get(h.cusip) ?? { shares: 0, dollars: 0 };
    total.shares += h.amount;
    total.dollars += h.value * multiplier;
    out.set(h.cusip, total);
  }
  return out;
}
