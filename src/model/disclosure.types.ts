/**
 * Disclosed trades: transactions that insiders (SEC Form 4) and institutional managers (13F holding changes)
 * must report publicly. The mirror strategy follows them; what matters for a backtest without look-ahead is
 * the difference between when a trade happened (`transactionDate`) and when the public could know it
 * (`publishedAt`, the filing's acceptance time on EDGAR). Only `publishedAt` may drive a decision.
 */

/**
 * Who filed: an insider's relationship to the issuer (Form 4 `reportingOwnerRelationship`) or an
 * institutional investment manager (13F). A Form 4 owner with several relationships gets the first that
 * applies in the order officer, director, ten-percent-owner: officers are the best informed.
 */
export const FILER_ROLES = ['officer', 'director', 'ten-percent-owner', 'institution'] as const;
export type FilerRole = (typeof FILER_ROLES)[number];

/** Where a disclosure comes from: an insider's Form 4 or the change between two quarterly 13F reports. */
export const DISCLOSURE_SOURCES = ['form4', '13f'] as const;
export type DisclosureSource = (typeof DISCLOSURE_SOURCES)[number];

export const DISCLOSURE_SIDES = ['buy', 'sell'] as const;
export type DisclosureSide = (typeof DISCLOSURE_SIDES)[number];

/** The filer: a person or a manager, identified on EDGAR by its Central Index Key (10 digits, zero-padded). */
export interface Filer {
  readonly name: string;
  readonly cik: string;
}

/** One disclosed trade. Money in the filing's currency (USD on EDGAR); times are epoch ms (UTC). */
export interface DisclosedTrade {
  readonly filer: Filer;
  readonly role: FilerRole;
  /** Ticker of the issuer, upper case. */
  readonly symbol: string;
  readonly side: DisclosureSide;
  /** Shares bought or sold (> 0). For 13F: the change in shares held between two quarters. */
  readonly quantity: number;
  /** Price per share (> 0). For 13F: the quarter-end value per share (value / shares held). */
  readonly price: number;
  /** quantity x price, in money (> 0). */
  readonly value: number;
  /** When the trade happened (Form 4: the transaction date; 13F: the quarter end), 00:00 UTC of that day. */
  readonly transactionDate: number;
  /** When the filing became public: its EDGAR acceptance time. Never before transactionDate. */
  readonly publishedAt: number;
  readonly source: DisclosureSource;
  /** EDGAR accession number of the filing, `0001234567-24-000123`. */
  readonly accessionNumber: string;
  /**
   * Shares the filer holds after the trade when the filing says so (Form 4 `sharesOwnedFollowingTransaction`,
   * 13F: the current quarter's shares), else null. Lets a follower weigh a trade against the filer's stake.
   */
  readonly sharesOwnedAfter: number | null;
}
