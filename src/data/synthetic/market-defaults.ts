import type { BarShapeSpec, MarketFactorSpec, RegimeSpec } from './market-spec.types.js';

/** Trading days per year: the annual rates of a spec are per 252 bars of '1d'. */
export const TRADING_DAYS_PER_YEAR = 252;

/**
 * bull: +15% drift, 15% vol; bear: -20% drift, 30% vol; sideways: 0% drift, 12% vol (annual, market factor).
 */
export const DEFAULT_REGIMES: readonly RegimeSpec[] = [
  { name: 'bull', drift: 0.15, volatility: 0.15 },
  { name: 'bear', drift: -0.2, volatility: 0.3 },
  { name: 'sideways', drift: 0, volatility: 0.12 },
];

/**
 * Daily transition matrix over [bull, bear, sideways]. Expected stays (1 / (1 - p_ii)): bull 250 days,
 * bear about 67 days, sideways 125 days. Bull ends in sideways more often than in bear; bear mostly
 * recovers into bull. Stationary shares: bull about 64%, bear about 10%, sideways about 26%.
 */
export const DEFAULT_TRANSITIONS: readonly (readonly number[])[] = [
  [0.996, 0.0015, 0.0025],
  [0.01, 0.985, 0.005],
  [0.006, 0.002, 0.992],
];

/**
 * The market factor everyone loads on: the regimes above, GARCH(1,1) with alpha 0.08 and beta 0.9
 * (persistence 0.98, a volatility shock halves in about 34 bars), about two market jumps a year of mean
 * -3% and stdev 3% (crash days), and Student-t shocks with 5 degrees of freedom (fat tails).
 */
export const DEFAULT_MARKET_FACTOR: MarketFactorSpec = {
  regimes: DEFAULT_REGIMES,
  transitions: DEFAULT_TRANSITIONS,
  garch: { alpha: 0.08, beta: 0.9 },
  jumps: { intensity: 2, mean: -0.03, stdev: 0.03 },
  shocks: { distribution: 'student-t', degreesOfFreedom: 5 },
};

/**
 * 20% of a day's variance falls overnight (open = previous close x exp(gap)); log volume rises by 0.35
 * per standard deviation of |return| above its mean; volume noise 0.3 in log terms (about +/-30%).
 */
export const DEFAULT_BAR_SHAPE: BarShapeSpec = {
  overnightVarianceShare: 0.2,
  volumeReturnSensitivity: 0.35,
  volumeNoise: 0.3,
};
