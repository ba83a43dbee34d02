import type { InstrumentId } from '../../core/ids.js';
import { covarianceMatrix } from '../../stats/correlation-matrix.js';
import { DAY_MS } from '../state/equity-tracker.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { RiskView } from './risk-view.types.js';

export interface HistoryConfig {
  /** Returns per instrument the covariances are estimated from (the most recent ones). */
  readonly lookback: number;
  /** Fewer common returns than this make a covariance NaN ("insufficient history"). */
  readonly minObservations: number;
}

/**
 * Sample covariances (divisor n − 1) of simple bar returns r_t = c_t / c_{t−1} − 1 over the last `lookback`
 * returns of each instrument's closes (RiskView.closes), shared by the VaR and correlation rules. Series are
 * aligned on their tails; a shorter one is padded with NaN at the start and each pair uses the returns both
 * have (pairwise-complete, as pandas `cov`), via stats/correlation-matrix.ts.
 *
 * Why a cache: the matrix only changes when a bar closes, so it is estimated once per UTC day (the day of
 * view.now()) for the instruments held plus those orders asked about, and again only when an instrument joins
 * (an order for an instrument not yet in it). With daily bars that is exact; with intraday bars the estimate
 * is up to one day old, which a risk limit tolerates. `generation` increases on every estimate so results
 * built on the matrix know when to recompute.
 */
export class ReturnCovariance {
  generation = 0;
  size = 0;
  private day = Number.NaN;
  private readonly ids: InstrumentId[] = [];
  private readonly index = new Map<InstrumentId, number>();
  private matrix: Float64Array = new Float64Array(0);
  private checkedVersion = -1;

  constructor(private readonly history: HistoryConfig) {}

  /** Makes sure the matrix is today's and covers every held instrument and `extra`. */
  ensure(view: RiskView, snapshot: PortfolioSnapshot, extra: InstrumentId | null): void {
    const day = Math.floor(view.now() / DAY_MS);
    let stale = day !== this.day;
    if (stale) {
      this.ids.length = 0;
      this.index.clear();
    }
    if (stale || snapshot.version !== this.checkedVersion) {
      for (let slot = 0; slot < snapshot.count; slot++) {
        stale = this.add(snapshot.instrumentIds[slot] as InstrumentId) || stale;
      }
      this.checkedVersion = snapshot.version;
    }
    if (extra !== null) stale = this.add(extra) || stale;
    if (!stale) return;
    this.estimate(view);
    this.day = day;
    this.generation++;
  }

  /** The instrument's row in the matrix, or -1 when it is not in it. */
  indexOf(instrumentId: InstrumentId): number {
    return this.index.get(instrumentId) ?? -1;
  }

  /** Covariance of rows i and j; NaN with fewer than minObservations common returns. */
  covariance(i: number, j: number): number {
    return this.matrix[i * this.size + j] as number;
  }

  private add(instrumentId: InstrumentId): boolean {
    if (this.index.has(instrumentId)) return false;
    this.index.set(instrumentId, this.ids.length);
    this.ids.push(instrumentId);
    return true;
  }

  private estimate(view: RiskView): void {
    const closes = this.ids.map((id) => view.closes(id));
    let length = 0;
    for (const series of closes) if (series !== null) length = Math.max(length, series.length - 1);
    length = Math.min(length, this.history.lookback);
    const size = this.ids.length;
    this.size = size;
    if (length < 2) {
      this.matrix = new Float64Array(size * size).fill(Number.NaN);
      return;
    }
    const rows = closes.map((series) => tailReturns(series, length));
    this.matrix = covarianceMatrix(rows, {
      missing: 'pairwise-complete',
      minPeriods: this.history.minObservations,
    }).values;
  }
}

/** The last `length` simple returns of `closes`, right-aligned, NaN where the series is too short. */
function tailReturns(closes: Float64Array | null, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  if (closes === null) return out;
  const available = Math.min(length, closes.length - 1);
  for (let k = 0; k < available; k++) {
    const t = closes.length - available + k;
    out[length - available + k] = (closes[t] as number) / (closes[t - 1] as number) - 1;
  }
  return out;
}
