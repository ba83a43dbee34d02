import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { ALLOWED, deny, formatNumber, formatPercent, noReferencePrice } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface SectorConcentrationConfig {
  readonly maxEquityFraction: number;
  /** Instrument id → sector; instruments not listed use `Instrument.sector`. */
  readonly sectors?: Readonly<Record<string, string>> | undefined;
}

/**
 * Gross exposure of the order's sector after the order, as a fraction of equity:
 *   (S − |Q| × p + |positionAfter| × referencePrice) / equity <= maxEquityFraction,
 * S the sector's gross exposure now (PortfolioSnapshot), Q and p the instrument's position and the price it is
 * valued at now. Gross, so shorts count as concentration too. An unclassified instrument (no sector) passes;
 * exposure-reducing orders pass.
 */
export class SectorConcentrationRule implements PreTradeRule {
  readonly name = 'sector-concentration';
  /** The map the engine's shared snapshot must be built with (PortfolioSnapshot resolves sectors). */
  readonly sectors: ReadonlyMap<string, string>;

  constructor(private readonly config: SectorConcentrationConfig) {
    this.sectors = new Map(Object.entries(config.sectors ?? {}));
  }

  check(
    order: Order,
    view: RiskView,
    context: CheckContext = buildCheckContext(order, view, 'strategy', new PortfolioSnapshot(this.sectors)),
  ): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.reducesExposure) return ALLOWED;
    const sector = snapshot.sectorOf(order.instrumentId, view);
    if (sector === null) return ALLOWED;
    if (impact.referencePrice === null) return noReferencePrice(this.name, order);
    const slot = snapshot.slotOf(order.instrumentId);
    const current =
      slot < 0 ? 0 : Math.abs(snapshot.quantities[slot] as number) * (snapshot.prices[slot] as number);
    const exposure =
      snapshot.sectorExposure(sector) - current + Math.abs(impact.positionAfter) * impact.referencePrice;
    const limit = this.config.maxEquityFraction * snapshot.equity;
    if (exposure <= limit) return ALLOWED;
    return deny(
      this.name,
      `sector ${sector} exposure after the order ${formatNumber(exposure)} exceeds max ${formatNumber(limit)} ` +
        `(${formatPercent(this.config.maxEquityFraction)} of equity ${formatNumber(snapshot.equity)})`,
      { sector, exposure, maxExposure: limit, equity: snapshot.equity },
    );
  }
}
