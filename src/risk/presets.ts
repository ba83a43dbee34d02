import { InvalidInputError, quote } from '../core/errors.js';
import { RISK_LEVELS, type RiskLevel } from '../model/risk-level.js';
import { parseRiskConfig, type RiskConfig, type RiskConfigInput } from './pre-trade/risk-config.js';

/**
 * Risk-level presets: the concrete limits each level of appetite maps to. Fractions are of equity (daily loss
 * of start-of-day equity, drawdown of peak equity); VaR is one-bar Gaussian at 95%.
 *
 * | limit                                   | low          | medium        | high          | aggressive    |
 * |-----------------------------------------|--------------|---------------|---------------|---------------|
 * | max position per instrument             | 10%          | 20%           | 35%           | 50%           |
 * | max order notional                      | 10%          | 25%           | 50%           | 100%          |
 * | max sector exposure                     | 25%          | 40%           | 60%           | 100%          |
 * | max gross leverage                      | 1.0          | 1.5           | 2.0           | 4.0           |
 * | max net leverage                        | 1.0          | 1.0           | 1.5           | 3.0           |
 * | daily loss limit → state                | 2% → halted  | 3% → reducing | 5% → reducing | 8% → reducing |
 * | max drawdown → state                    | 10% → halted | 15% → halted  | 25% → reducing| 40% → reducing|
 * | max portfolio VaR (95%, one bar)        | 1.5%         | 2.5%          | 4%            | 6%            |
 * | max correlation of a new position       | 0.70         | 0.80          | 0.90          | 0.95          |
 * | order rate                              | 10 / min     | 30 / min      | 60 / min      | 120 / min     |
 * | price band vs last price                | 5%           | 10%           | 15%           | 25%           |
 * | short selling                           | not allowed  | allowed       | allowed       | allowed       |
 * | lot / tick rounding check               | on           | on            | on            | on            |
 * | auto-reduce on breach                   | on           | on            | off           | off           |
 *
 * Why these: "low" is a cash account that may not lose more than a bad day; each step up roughly doubles the
 * room of the one below, up to "aggressive" at Reg T day-trading leverage (4×). Return history for VaR and
 * correlation: 250 returns, at least 60 (until then those two rules let orders pass). The same table is in
 * src/risk/README.md.
 */
export const RISK_PRESETS: Readonly<Record<RiskLevel, RiskConfigInput>> = {
  low: {
    maxPosition: { maxEquityFraction: 0.1 },
    maxOrderNotional: { maxEquityFraction: 0.1 },
    sectorConcentration: { maxEquityFraction: 0.25 },
    leverage: { maxGross: 1, maxNet: 1 },
    dailyLoss: { maxLossFraction: 0.02, onBreach: 'halted' },
    drawdown: { maxDrawdown: 0.1, onBreach: 'halted' },
    portfolioVar: { confidence: 0.95, maxVarFraction: 0.015 },
    correlation: { maxCorrelation: 0.7 },
    orderRate: { maxOrders: 10, windowMs: 60_000 },
    priceBand: { maxDeviation: 0.05 },
    shortSale: { shortable: [] },
    lotTick: true,
    autoReduce: true,
  },
  medium: {
    maxPosition: { maxEquityFraction: 0.2 },
    maxOrderNotional: { maxEquityFraction: 0.25 },
    sectorConcentration: { maxEquityFraction: 0.4 },
    leverage: { maxGross: 1.5, maxNet: 1 },
    dailyLoss: { maxLossFraction: 0.03, onBreach: 'reducing' },
    drawdown: { maxDrawdown: 0.15, onBreach: 'halted' },
    portfolioVar: { confidence: 0.95, maxVarFraction: 0.025 },
    correlation: { maxCorrelation: 0.8 },
    orderRate: { maxOrders: 30, windowMs: 60_000 },
    priceBand: { maxDeviation: 0.1 },
    lotTick: true,
    autoReduce: true,
  },
  high: {
    maxPosition: { maxEquityFraction: 0.35 },
    maxOrderNotional: { maxEquityFraction: 0.5 },
    sectorConcentration: { maxEquityFraction: 0.6 },
    leverage: { maxGross: 2, maxNet: 1.5 },
    dailyLoss: { maxLossFraction: 0.05, onBreach: 'reducing' },
    drawdown: { maxDrawdown: 0.25, onBreach: 'reducing' },
    portfolioVar: { confidence: 0.95, maxVarFraction: 0.04 },
    correlation: { maxCorrelation: 0.9 },
    orderRate: { maxOrders: 60, windowMs: 60_000 },
    priceBand: { maxDeviation: 0.15 },
    lotTick: true,
    autoReduce: false,
  },
  aggressive: {
    maxPosition: { maxEquityFraction: 0.5 },
    maxOrderNotional: { maxEquityFraction: 1 },
    sectorConcentration: { maxEquityFraction: 1 },
    leverage: { maxGross: 4, maxNet: 3 },
    dailyLoss: { maxLossFraction: 0.08, onBreach: 'reducing' },
    drawdown: { maxDrawdown: 0.4, onBreach: 'reducing' },
    portfolioVar: { confidence: 0.95, maxVarFraction: 0.06 },
    correlation: { maxCorrelation: 0.95 },
    orderRate: { maxOrders: 120, windowMs: 60_000 },
    priceBand: { maxDeviation: 0.25 },
    lotTick: true,
    autoReduce: false,
  },
};

/** Sections that replace a preset's; a section given as undefined turns that rule off. */
export type PresetOverrides = { readonly [K in keyof RiskConfigInput]?: RiskConfigInput[K] | undefined };

/**
 * The validated configuration of a risk level. `overrides` replaces whole sections of the preset (e.g.
 * `{ shortSale: { shortable: ['AAPL'] } }`); a section set to undefined is turned off.
 */
export function fromPreset(level: RiskLevel, overrides: PresetOverrides = {}): RiskConfig {
  if (!(RISK_LEVELS as readonly string[]).includes(level)) {
    throw new InvalidInputError(`risk level ${quote(level)} must be one of ${RISK_LEVELS.join(', ')}`);
  }
  const merged: Record<string, unknown> = { ...RISK_PRESETS[level], ...overrides };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return parseRiskConfig(merged);
}
