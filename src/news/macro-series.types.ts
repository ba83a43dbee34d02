/**
 * Macro-economic series for news context (rates, inflation, employment), as a macro source (the FRED adapter)
 * delivers them.
 */

/** One observation: the value FRED states for a date (the period's first day for monthly and weekly data). */
export interface MacroObservation {
  /** 00:00 UTC of the observation date, epoch ms. */
  readonly date: number;
  /** The value, or null where FRED marks it missing (`.`). */
  readonly value: number | null;
}

/** A series' observations in date order, as known now (FRED's current vintage). */
export interface MacroSeries {
  /** FRED series id, e.g. `DGS10`, `CPIAUCSL`, `UNRATE`. */
  readonly seriesId: string;
  /** FRED's `units` of the answer, e.g. `lin` (levels). */
  readonly units: string;
  readonly observations: readonly MacroObservation[];
}

/** What to ask for: observations dated in [from, to) (epoch ms), at most the latest `limit`. */
export interface MacroQuery {
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}
