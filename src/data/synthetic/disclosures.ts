/**
 * # Synthetic disclosed-trade stream
 *
 * Insider (Form 4) and institutional (13F) trades generated over bar series, so the mirror strategy can be
 * run and measured offline. Reproducible: the same series, seed and options give the same list. Each symbol
 * draws from its own stream (`disclosures/<SYMBOL>`), institutions from `disclosures/institutions`, so adding
 * a symbol leaves the other symbols' disclosures unchanged.
 *
 * ## Model (daily bars only)
 * - Filers per symbol: two officers, a director and a ten-percent owner; three institutions shared by all
 *   symbols. Each starts with a stake worth $2M-$50M (insiders) or $50M-$500M (institutions), log-uniform.
 * - Arrivals: Poisson, `disclosuresPerYear` per symbol per 252 bars; a share `institutionShare` is filed by
 *   institutions, the rest by a random insider; each is a buy with probability `buyShare`.
 * - Size: log-uniform $50k-$2M (insiders) or $1M-$50M (institutions), at the close of the transaction bar.
 *   A sale never exceeds the filer's stake (walked in transaction order); a sale from an empty stake is
 *   dropped. `sharesOwnedAfter` is the stake after the trade.
 * - Publication lag, in bars after the transaction bar: Form 4 1-3 (it is due within two business days;
 *   late filings happen), 13F 20-31 (filed up to 45 calendar days after the quarter). The acceptance time
 *   is uniform in 12:00-22:00 UTC of the publication bar's day, so a strategy acting on bar closes sees it at
 *   that bar's close, never earlier.
 * - **Edge**: with probability `edge` a disclosure is *informed*: its transaction bar is redrawn (up to 100
 *   times) until the forward return a follower can earn — from the close of the publication bar to the close
 *   `horizonBars` later — has the trade's sign (up for a buy, down for a sale). Uninformed disclosures fall
 *   on uniformly random bars. So the expected forward return after a buy is
 *   edge x E[R | R > 0] + (1 - edge) x E[R]: zero edge means disclosures carry no information.
 * Real filings' edge is an open question (and decays once published, is crowded, and for 13F is 45 days
 * stale); this knob exists to test that a strategy captures an edge when there is one and none when not.
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import { compareByPublication } from '../../model/disclosed-trade-schema.js';
import type { DisclosedTrade, Filer, FilerRole } from '../../model/disclosure.types.js';
import type { BarSeries } from '../bar-series.js';
import { randomStream } from './random-streams.js';

export interface SyntheticDisclosureOptions {
  readonly seed: number;
  /** Probability in [0, 1] that a disclosure is informed (see the module comment). */
  readonly edge: number;
  /** Bars over which an informed disclosure is right; default 20 (about a month). */
  readonly horizonBars?: number;
  /** Expected disclosures per symbol per 252 bars; default 8. */
  readonly disclosuresPerYear?: number;
  /** Probability that a disclosure is a buy; default 0.5. */
  readonly buyShare?: number;
  /** Probability that a disclosure comes from an institution's 13F; default 0.2. */
  readonly institutionShare?: number;
}

interface SyntheticFiler {
  readonly filer: Filer;
  readonly role: FilerRole;
}

interface Draft {
  readonly filerIndex: number;
  readonly side: 'buy' | 'sell';
  readonly bar: number;
  readonly lag: number;
  readonly acceptanceMs: number;
  readonly value: number;
}

const DAY_MS = 86_400_000;
const BARS_PER_YEAR = 252;
const REDRAWS = 100;
const INSIDER_ROLES: readonly FilerRole[] = ['officer', 'officer', 'director', 'ten-percent-owner'];
const INSTITUTIONS = 3;

/** Generates the disclosures of every series (daily bars), sorted by publication time. */
export function generateSyntheticDisclosures(
  series: readonly BarSeries[],
  options: SyntheticDisclosureOptions,
): DisclosedTrade[] {
  const horizon = options.horizonBars ?? 20;
  const perYear = options.disclosuresPerYear ?? 8;
  const buyShare = options.buyShare ?? 0.5;
  const institutionShare = options.institutionShare ?? 0.2;
  checkUnit('edge', options.edge);
  checkUnit('buyShare', buyShare);
  checkUnit('institutionShare', institutionShare);
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new InvalidInputError(`horizonBars ${quote(horizon)} must be a whole number >= 1`);
  if (!(perYear > 0 && perYear <= BARS_PER_YEAR))
    throw new InvalidInputError(`disclosuresPerYear ${quote(perYear)} must be in (0, ${BARS_PER_YEAR}]`);

  const institutionRng = randomStream(options.seed, 'disclosures/institutions');
  const institutions: SyntheticFiler[] = Array.from({ length: INSTITUTIONS }, (_, k) => ({
    filer: { name: `Synthetic Capital Management ${k + 1}`, cik: syntheticCik(institutionRng) },
    role: 'institution',
  }));
  const out: DisclosedTrade[] = [];
  let sequence = 0;
  for (const s of series) {
    if (s.timeframe !== '1d') {
      throw new InvalidInputError(
        `synthetic disclosures need daily bars; ${quote(s.symbol)} has ${quote(s.timeframe)}`,
      );
    }
    const rng = randomStream(options.seed, `disclosures/${s.symbol}`);
    const filers: SyntheticFiler[] = [
      ...INSIDER_ROLES.map((role, k) => ({
        filer: { name: `${s.symbol} Insider ${k + 1}`, cik: syntheticCik(rng) },
        role,
      })),
      ...institutions,
    ];
    const drafts = draftTrades(rng, s, filers.length, {
      ...options,
      horizon,
      perYear,
      buyShare,
      institutionShare,
    });
    const stakes = filers.map((f) =>
      f.role === 'institution' ? logUniform(rng, 5e7, 5e8) : logUniform(rng, 2e6, 5e7),
    );
    const shares = stakes.map((stake) => Math.round(stake / (s.close[0] as number)));
    for (const draft of drafts) {
      const { filer, role } = filers[draft.filerIndex] as SyntheticFiler;
      const price = s.close[draft.bar] as number;
      const held = shares[draft.filerIndex] as number;
      const wanted = Math.max(1, Math.round(draft.value / price));
      const quantity = draft.side === 'buy' ? wanted : Math.min(wanted, held);
      if (quantity < 1) continue;
      const after = held + (draft.side === 'buy' ? quantity : -quantity);
      shares[draft.filerIndex] = after;
      const publishedAt = (s.ts[draft.bar + draft.lag] as number) + draft.acceptanceMs;
      sequence++;
      out.push({
        filer,
        role,
        symbol: s.symbol,
        side: draft.side,
        quantity,
        price,
        value: quantity * price,
        transactionDate: Math.floor((s.ts[draft.bar] as number) / DAY_MS) * DAY_MS,
        publishedAt,
        source: role === 'institution' ? '13f' : 'form4',
        accessionNumber: `${filer.cik}-${String(yearOf(publishedAt) % 100).padStart(2, '0')}-${String(sequence % 1e6).padStart(6, '0')}`,
        sharesOwnedAfter: after,
      });
    }
  }
  return out.sort(compareByPublication);
}

/** The trades of one symbol before sizing, in transaction order. */
function draftTrades(
  rng: SeededRng,
  s: BarSeries,
  filerCount: number,
  o: SyntheticDisclosureOptions & {
    horizon: number;
    perYear: number;
    buyShare: number;
    institutionShare: number;
  },
): Draft[] {
  const n = s.length;
  const insiders = INSIDER_ROLES.length;
  const drafts: Draft[] = [];
  // Poisson count, one year at a time (Knuth's method underflows for large rates).
  let count = 0;
  for (let start = 0; start < n; start += BARS_PER_YEAR) {
    count += rng.poisson((o.perYear * Math.min(BARS_PER_YEAR, n - start)) / BARS_PER_YEAR);
  }
  for (let k = 0; k < count; k++) {
    const institution = rng.next() < o.institutionShare;
    const filerIndex = institution
      ? insiders + rng.int(0, filerCount - insiders - 1)
      : rng.int(0, insiders - 1);
    const side = rng.next() < o.buyShare ? 'buy' : 'sell';
    const lag = institution ? rng.int(20, 31) : rng.int(1, 3);
    const lastBar = n - 1 - lag - o.horizon;
    const informed = rng.next() < o.edge;
    const acceptanceMs = Math.floor(rng.uniform(12, 22) * 3_600_000);
    const value = institution ? logUniform(rng, 1e6, 5e7) : logUniform(rng, 5e4, 2e6);
    if (lastBar < 0) continue; // series too short for this lag and horizon
    let bar = rng.int(0, lastBar);
    for (let tries = 0; informed && tries < REDRAWS && !favourable(s, bar + lag, o.horizon, side); tries++) {
      bar = rng.int(0, lastBar);
    }
    drafts.push({ filerIndex, side, bar, lag, acceptanceMs, value });
  }
  return drafts.sort((a, b) => a.bar - b.bar || a.filerIndex - b.filerIndex);
}

/** Whether the close `horizon` bars after `published` moved the trade's way. */
function favourable(s: BarSeries, published: number, horizon: number, side: 'buy' | 'sell'): boolean {
  const move = (s.close[published + horizon] as number) - (s.close[published] as number);
  return side === 'buy' ? move > 0 : move < 0;
}

function logUniform(rng: SeededRng, low: number, high: number): number {
  return Math.exp(rng.uniform(Math.log(low), Math.log(high)));
}

/** A 10-digit CIK-like id above 1,000,000 (real CIKs are up to 10 digits, zero-padded). */
function syntheticCik(rng: SeededRng): string {
  return String(rng.int(1_000_000, 1_999_999_999)).padStart(10, '0');
}

function checkUnit(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new InvalidInputError(`${name} ${quote(value)} must be in [0, 1]`);
}

/** UTC calendar year of an epoch-ms time: an estimate corrected against Date.UTC (a pure function). */
export function yearOf(ms: number): number {
  let year = 1970 + Math.floor(ms / (365.2425 * DAY_MS));
  while (Date.UTC(year, 0, 1) > ms) year--;
  while (Date.UTC(year + 1, 0, 1) <= ms) year++;
  return year;
}
