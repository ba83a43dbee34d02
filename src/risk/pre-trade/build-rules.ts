import type { EquityTracker } from '../state/equity-tracker.js';
import { CorrelationRule } from './correlation-rule.js';
import { DailyLossRule } from './daily-loss-rule.js';
import { DrawdownRule } from './drawdown-rule.js';
import { LeverageRule } from './leverage-rule.js';
import { LotTickRule } from './lot-tick-rule.js';
import { MaxOrderNotionalRule } from './max-order-notional-rule.js';
import { MaxPositionRule } from './max-position-rule.js';
import { MinNotionalRule } from './min-notional-rule.js';
import { OrderRateRule } from './order-rate-rule.js';
import { PortfolioVarRule } from './portfolio-var-rule.js';
import { PriceBandRule } from './price-band-rule.js';
import { ReturnCovariance } from './return-covariance.js';
import type { RiskConfig } from './risk-config.js';
import type { PreTradeRule } from './rule.types.js';
import { SectorConcentrationRule } from './sector-concentration-rule.js';
import { ShortSaleRule } from './short-sale-rule.js';

export interface RuleSet {
  /** In check order. */
  readonly rules: readonly PreTradeRule[];
  readonly sectors: ReadonlyMap<string, string>;
  readonly dailyLoss: DailyLossRule | null;
  readonly drawdown: DrawdownRule | null;
  readonly portfolioVar: PortfolioVarRule | null;
}

/**
 * The configured rules in their fixed check order (the first denial wins, so the order is part of the
 * behaviour): the order's own shape first (lot-tick, price-band, min-notional, max-order-notional), then the
 * rate limit and short-sale permission, then limits on the position and the portfolio (max-position,
 * sector-concentration, leverage, daily-loss, max-drawdown) and last the two that need return history
 * (correlation, portfolio-var), cheapest first within each group.
 */
export function buildRules(config: RiskConfig, tracker: EquityTracker): RuleSet {
  const rules: PreTradeRule[] = [];
  if (config.lotTick) rules.push(new LotTickRule());
  if (config.priceBand) rules.push(new PriceBandRule(config.priceBand));
  if (config.minNotional) rules.push(new MinNotionalRule(config.minNotional));
  if (config.maxOrderNotional) rules.push(new MaxOrderNotionalRule(config.maxOrderNotional));
  if (config.orderRate) rules.push(new OrderRateRule(config.orderRate));
  if (config.shortSale) rules.push(new ShortSaleRule(config.shortSale));
  if (config.maxPosition) rules.push(new MaxPositionRule(config.maxPosition));
  let sectors: ReadonlyMap<string, string> = new Map();
  if (config.sectorConcentration) {
    const rule = new SectorConcentrationRule(config.sectorConcentration);
    sectors = rule.sectors;
    rules.push(rule);
  }
  if (config.leverage) rules.push(new LeverageRule(config.leverage));
  const dailyLoss = config.dailyLoss ? new DailyLossRule(config.dailyLoss, tracker) : null;
  if (dailyLoss) rules.push(dailyLoss);
  const drawdown = config.drawdown ? new DrawdownRule(config.drawdown, tracker) : null;
  if (drawdown) rules.push(drawdown);
  const covariance = new ReturnCovariance(config.history);
  if (config.correlation) rules.push(new CorrelationRule(config.correlation, covariance));
  const portfolioVar = config.portfolioVar ? new PortfolioVarRule(config.portfolioVar, covariance) : null;
  if (portfolioVar) rules.push(portfolioVar);
  return { rules, sectors, dailyLoss, drawdown, portfolioVar };
}
