import type { Instrument } from '../../model/instrument.js';
import type { BarSeries } from '../bar-series.js';

/**
 * A market regime (a state of the Markov chain that drives the market factor). Rates are annual:
 * `drift` is the expected arithmetic return of the market factor (GBM mu), `volatility` its standard
 * deviation (sigma), both per year of 252 trading days.
 */
export interface RegimeSpec {
  readonly name: string;
  readonly drift: number;
  readonly volatility: number;
}

/**
 * GARCH(1,1) on the market factor, as a variance multiplier g around the regime's variance:
 * g_t = (1 - alpha - beta) + alpha * g_{t-1} * z_{t-1}^2 + beta * g_{t-1}, g_0 = 1. Needs alpha + beta < 1.
 */
export interface GarchSpec {
  readonly alpha: number;
  readonly beta: number;
}

/** Merton jumps: Poisson arrivals at `intensity` per year; each log-jump is normal(mean, stdev). */
export interface JumpSpec {
  readonly intensity: number;
  readonly mean: number;
  readonly stdev: number;
}

/** Shock law of every diffusive draw, scaled to unit variance (a Student-t draw is multiplied by sqrt((dof-2)/dof)). */
export interface ShockSpec {
  readonly distribution: 'normal' | 'student-t';
  /** Integer >= 3 (finite variance); used by 'student-t' only. */
  readonly degreesOfFreedom?: number;
}

/** The shared market factor: regimes, their daily transition matrix, volatility clustering, jumps, shocks. */
export interface MarketFactorSpec {
  readonly regimes: readonly RegimeSpec[];
  /** Row-stochastic, regimes x regimes: `transitions[i][j]` = P(regime j tomorrow | regime i today). */
  readonly transitions: readonly (readonly number[])[];
  /** Name of the regime on the first day; default: drawn from the chain's stationary distribution. */
  readonly initialRegime?: string;
  readonly garch: GarchSpec;
  readonly jumps: JumpSpec;
  readonly shocks: ShockSpec;
}

/** A sector factor: annual volatility of the sector's own shock (it shares the market's GARCH multiplier). */
export interface SectorSpec {
  readonly name: string;
  readonly volatility: number;
}

/**
 * One symbol of the one-factor-per-sector model. Its log return over a bar of dt years is
 * r = m_i dt + beta * M + sectorLoading * S_sector + idiosyncraticVolatility * sqrt(dt) * sqrt(g) * z + J_i,
 * where M is the market shock, S the sector shock, J_i its own jumps, and m_i the log drift that makes
 * the expected arithmetic return `alpha + beta * regime drift` (see symbol-path.ts).
 */
export interface SymbolSpec {
  readonly symbol: string;
  readonly name?: string;
  readonly sector: string;
  /** Price the path starts from (the close before the first bar). */
  readonly startPrice: number;
  readonly beta: number;
  /** Loading on the sector factor; default 1. */
  readonly sectorLoading?: number;
  readonly idiosyncraticVolatility: number;
  /** Annual expected return on top of beta x the market drift; default 0. */
  readonly alpha?: number;
  /** Mean shares traded per day. */
  readonly averageVolume: number;
  /** Default 0.01. */
  readonly tickSize?: number;
  /** Idiosyncratic jumps (earnings-like); default none. */
  readonly jumps?: JumpSpec;
}

/**
 * A cointegrated pair: log(A_t) = alpha + beta * log(B_t) + u_t with u an AR(1) (discrete Ornstein-Uhlenbeck)
 * u_t = phi * u_{t-1} + spreadVolatility * sqrt(1 - phi^2) * e_t, phi = exp(-ln 2 / halfLife), halfLife
 * in bars = halfLifeDays x bars per day, u starting from its stationary law normal(0, spreadVolatility^2).
 * B follows its own SymbolSpec; A's factor parameters are ignored (the pair takes precedence).
 */
export interface PairSpec {
  readonly a: string;
  readonly b: string;
  readonly beta: number;
  /** Default: log(startPrice A) - beta * log(startPrice B), so A starts near its start price. */
  readonly alpha?: number;
  readonly halfLifeDays: number;
  /** Stationary standard deviation of the log spread u. */
  readonly spreadVolatility: number;
}

/** How bars are drawn around the close path. */
export interface BarShapeSpec {
  /** Share of a day's return variance that falls overnight (close to next open). */
  readonly overnightVarianceShare: number;
  /** log volume rises by this much per standard deviation of |return| above its mean. */
  readonly volumeReturnSensitivity: number;
  /** Standard deviation of the log-normal volume noise. */
  readonly volumeNoise: number;
}

export interface MarketSpec {
  /** Missing fields take DEFAULT_MARKET_FACTOR's (market-defaults.ts). */
  readonly market?: Partial<MarketFactorSpec>;
  readonly sectors: readonly SectorSpec[];
  readonly symbols: readonly SymbolSpec[];
  readonly pairs?: readonly PairSpec[];
  /** Missing fields take DEFAULT_BAR_SHAPE's. */
  readonly bars?: Partial<BarShapeSpec>;
}

export type SyntheticTimeframe = '1d' | '1m';

export interface GenerateMarketOptions {
  /** Integer seed: the same spec, seed and options give bit-identical series. */
  readonly seed: number;
  /** Epoch ms (UTC); the first trading day is the first weekday whose 00:00 UTC is >= start. */
  readonly start: number;
  /** Number of trading days (weekdays). */
  readonly days: number;
  readonly timeframe: SyntheticTimeframe;
}

/** A pair as generated: halfLife and phi are per bar of the generated timeframe. */
export interface GeneratedPair {
  readonly a: string;
  readonly b: string;
  readonly alpha: number;
  readonly beta: number;
  readonly halfLife: number;
  readonly phi: number;
  readonly spreadVolatility: number;
}

export interface SyntheticMarket {
  /** One series per symbol, in the spec's order. */
  readonly series: ReadonlyMap<string, BarSeries>;
  readonly instruments: readonly Instrument[];
  /** Index into `regimeNames` of the market regime at each bar (constant within a day). */
  readonly regimes: Uint8Array;
  readonly regimeNames: readonly string[];
  readonly pairs: readonly GeneratedPair[];
  readonly timeframe: SyntheticTimeframe;
  readonly seed: number;
}
